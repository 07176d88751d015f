using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Makes one signed webhook call. Connections go only to addresses the guard allows, checked at connect time
/// (after DNS), never through a proxy (which would connect on the caller's behalf, past the guard), and redirects
/// are not followed, so neither DNS rebinding nor a redirect can reach an internal host. A call that gets no answer
/// is recorded with one generic error, whatever the cause: the caller sees what the receiver answered, never what
/// the API's resolver or network said (the log has that).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>The error recorded for every call that got no HTTP answer.</summary>
    public const string NotDelivered = "The receiver could not be reached or did not answer in time.";

    /// <summary>The error recorded for a call to a plain http URL where only https is allowed.</summary>
    public const string HttpRefused = "The webhook was not called: it is not an https URL.";

    private readonly HttpClient http;
    private readonly IOptions<WebhookOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<WebhookSender> logger;

    /// <summary>Creates the sender and its connection pool.</summary>
    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
        : this(options, time, logger, null)
    {
    }

    /// <summary>Creates the sender; <paramref name="resolve"/> stands in for DNS (tests).</summary>
    internal WebhookSender(IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger, Func<string, CancellationToken, Task<IPAddress[]>>? resolve)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.time = time;
        this.logger = logger;
        var allowPrivate = options.Value.AllowPrivateAddresses;
        resolve ??= Dns.GetHostAddressesAsync;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, resolve, cancellationToken),
        };
        http = new HttpClient(handler) { Timeout = options.Value.Timeout };
    }

    /// <summary>
    /// POSTs <paramref name="body"/> to <paramref name="url"/>, signed with each of <paramref name="secrets"/>;
    /// the answer says what happened, never throws for the receiver's faults.
    /// </summary>
    public async Task<WebhookDelivery> SendAsync(Uri url, string messageId, int attempt, string body, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        if (!WebhookUrls.IsAllowedScheme(url, options.Value.AllowHttp))
        {
            // Accepted before https was required, or the setting changed since: the result must not cross in cleartext.
            WebhookLog.CallOverHttpRefused(logger, messageId, attempt);
            return new WebhookDelivery(attempt, timestamp, null, HttpRefused, 0);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Sign(secrets, messageId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("serverless-llm-webhooks/1.0");

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new WebhookDelivery(attempt, timestamp, (int)response.StatusCode, null, Elapsed(started));
        }
        catch (HttpRequestException e)
        {
            WebhookLog.CallFailed(logger, messageId, attempt, url.IdnHost, e.HttpRequestError.ToString(), e);
            return new WebhookDelivery(attempt, timestamp, null, NotDelivered, Elapsed(started));
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            WebhookLog.CallFailed(logger, messageId, attempt, url.IdnHost, "Timeout", e);
            return new WebhookDelivery(attempt, timestamp, null, NotDelivered, Elapsed(started));
        }
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static async ValueTask<Stream> ConnectAsync(
        DnsEndPoint endpoint, bool allowPrivate, Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await resolve(endpoint.Host, cancellationToken);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !WebhookAddressGuard.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError, $"The webhook host '{endpoint.Host}' resolves only to addresses webhooks may not reach.");
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
