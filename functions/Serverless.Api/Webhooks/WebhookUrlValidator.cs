using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Checks a job's webhook URL when it is submitted, so a bad one is a clear 400 rather than a silent failure later.
/// The sender checks the addresses again at every call (DNS can change in between). A host that does not resolve
/// and one that resolves to a refused address get the same answer, so the check tells a caller nothing about the
/// names the API's resolver knows; the log says which it was.
/// </summary>
public sealed class WebhookUrlValidator(IOptions<WebhookOptions> options, WebhookSigningSecrets signing, ILogger<WebhookUrlValidator> logger)
{
    private const string Param = "webhook";

    /// <summary>The answer for a host that does not resolve to public addresses only.</summary>
    internal static ApiError AddressRefused { get; } = ApiError.InvalidParameter(
        Param,
        "The webhook host must resolve to public addresses only; loopback, private, link-local, metadata and other special-purpose addresses are refused.",
        "webhook_address_forbidden");

    /// <summary>The answer for a caller whose webhooks nothing can sign.</summary>
    internal static ApiError NoSecret { get; } = ApiError.InvalidParameter(
        Param,
        "This API key has no webhook secret to sign its webhooks with; an admin can issue one with POST /v1/admin/keys/{id}/webhook_secret/rotate.",
        "webhook_secret_missing");

    /// <summary>The URL of a webhook that key <paramref name="keyId"/> asks for, or the 400 that refuses it.</summary>
    public async Task<(Uri? Url, ApiError? Error)> ValidateAsync(string url, string keyId, CancellationToken cancellationToken)
    {
        var allowHttp = options.Value.AllowHttp;
        if (!WebhookUrls.IsWellFormed(url, allowHttp))
        {
            return (null, ApiError.InvalidParameter(Param, WebhookUrls.RequirementFor(allowHttp)));
        }

        if ((await signing.ForKeyAsync(keyId, cancellationToken)).Count == 0)
        {
            return (null, NoSecret);
        }

        var uri = new Uri(url);
        if (options.Value.AllowPrivateAddresses)
        {
            return (uri, null);
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException e)
        {
            WebhookLog.HostDoesNotResolve(logger, uri.IdnHost, e.SocketErrorCode);
            return (null, AddressRefused);
        }

        if (addresses.Length == 0 || addresses.Any(WebhookAddressGuard.IsForbidden))
        {
            WebhookLog.HostResolvesToRefusedAddress(logger, uri.IdnHost);
            return (null, AddressRefused);
        }

        return (uri, null);
    }
}
