using System.Net;
using System.Net.Sockets;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach: anything that is not the public internet (loopback, private, shared,
/// link-local including the cloud metadata endpoints, multicast, unspecified) and Azure's platform address, so
/// that a caller cannot use webhooks to probe the network the API runs in.
/// </summary>
public static class WebhookAddressGuard
{
    private static readonly IPNetwork[] Forbidden =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("168.63.129.16/32"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Whether a webhook may not connect to <paramref name="address"/>.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (normalized.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return true;
        }

        return Forbidden.Any(network => network.BaseAddress.AddressFamily == normalized.AddressFamily && network.Contains(normalized));
    }
}
