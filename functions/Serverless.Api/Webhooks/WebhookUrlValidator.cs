using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Checks a job's webhook URL when it is submitted, so a bad one is a clear 400 rather than a silent failure later.
/// The sender checks the addresses again at every call (DNS can change in between).
/// </summary>
public sealed class WebhookUrlValidator(IOptions<WebhookOptions> options)
{
    private const string Param = "webhook";

    /// <summary>The URL, or the 400 that refuses it.</summary>
    public async Task<(Uri? Url, ApiError? Error)> ValidateAsync(string url, CancellationToken cancellationToken)
    {
        if (!WebhookUrls.IsWellFormed(url))
        {
            return (null, ApiError.InvalidParameter(Param, WebhookUrls.Requirement));
        }

        var uri = new Uri(url);

        if (string.IsNullOrEmpty(options.Value.SigningSecret))
        {
            return (null, ApiError.InvalidParameter(Param, "Webhooks are not enabled on this deployment.", "webhooks_disabled"));
        }

        if (options.Value.AllowPrivateAddresses)
        {
            return (uri, null);
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return (null, ApiError.InvalidParameter(Param, $"The webhook host '{uri.Host}' does not resolve."));
        }

        return addresses.Length == 0 || addresses.Any(WebhookAddressGuard.IsForbidden)
            ? (null, ApiError.InvalidParameter(Param, "The webhook must point at a public address; loopback, private, link-local and metadata addresses are refused.", "webhook_address_forbidden"))
            : (uri, null);
    }
}
