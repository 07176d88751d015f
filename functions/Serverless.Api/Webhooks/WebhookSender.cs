using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Makes one signed webhook call. Connections go only to addresses the guard allows, checked at connect time
/// (after DNS), and redirects are not followed, so neither DNS rebinding nor a redirect can reach an internal host.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient http;
    private readonly IOptions<WebhookOptions> options;
    private readonly TimeProvider time;

    /// <summary>Creates the sender and its connection pool.</summary>
    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        var allowPrivate = options.Value.AllowPrivateAddresses;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
        };
        http = new HttpClient(handler) { Timeout = options.Value.Timeout };
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="url"/>; the answer says what happened, never throws for the receiver's faults.</summary>
    public async Task<WebhookDelivery> SendAsync(Uri url, string messageId, int attempt, string body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var key = WebhookSigner.KeyOf(options.Value.SigningSecret ?? throw new InvalidOperationException("Webhooks:SigningSecret is not set."));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Sign(key, messageId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("serverless-llm-webhooks/1.0");

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new WebhookDelivery(attempt, timestamp, (int)response.StatusCode, null, Elapsed(started));
        }
        catch (HttpRequestException e)
        {
            return new WebhookDelivery(attempt, timestamp, null, e.InnerException?.Message ?? e.Message, Elapsed(started));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookDelivery(attempt, timestamp, null, "The receiver did not answer in time.", Elapsed(started));
        }
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !WebhookAddressGuard.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"The webhook host '{endpoint.Host}' resolves only to addresses webhooks may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
