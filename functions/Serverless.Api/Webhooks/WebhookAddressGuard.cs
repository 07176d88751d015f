using System.Net;
using System.Net.Sockets;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach: every range of the IANA IPv4 and IPv6 Special-Purpose Address
/// Registries (loopback, private, shared, link-local including the cloud metadata endpoints, documentation,
/// benchmarking, translation and tunnelling prefixes, reserved), multicast and broadcast, and Azure's platform
/// address, so that a caller cannot use webhooks to probe the network the API runs in. A transition prefix (6to4,
/// Teredo, NAT64) is refused whole: the IPv4 address it carries could be an internal one.
/// </summary>
public static class WebhookAddressGuard
{
    /// <summary>The refused networks, each with the registry entry it comes from.</summary>
    internal static IReadOnlyList<IPNetwork> Ranges { get; } =
    [
        // IPv4 Special-Purpose Address Registry
        IPNetwork.Parse("0.0.0.0/8"), // "this network"
        IPNetwork.Parse("10.0.0.0/8"), // private-use
        IPNetwork.Parse("100.64.0.0/10"), // shared address space (carrier-grade NAT)
        IPNetwork.Parse("127.0.0.0/8"), // loopback
        IPNetwork.Parse("169.254.0.0/16"), // link-local, with the metadata endpoints
        IPNetwork.Parse("172.16.0.0/12"), // private-use
        IPNetwork.Parse("192.0.0.0/24"), // IETF protocol assignments (DS-Lite, PCP and NAT64 discovery anycast, TURN)
        IPNetwork.Parse("192.0.2.0/24"), // documentation (TEST-NET-1)
        IPNetwork.Parse("192.31.196.0/24"), // AS112-v4
        IPNetwork.Parse("192.52.193.0/24"), // AMT
        IPNetwork.Parse("192.88.99.0/24"), // deprecated 6to4 relay anycast
        IPNetwork.Parse("192.168.0.0/16"), // private-use
        IPNetwork.Parse("192.175.48.0/24"), // direct delegation AS112 service
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation (TEST-NET-2)
        IPNetwork.Parse("203.0.113.0/24"), // documentation (TEST-NET-3)
        IPNetwork.Parse("224.0.0.0/4"), // multicast (its own registry)
        IPNetwork.Parse("240.0.0.0/4"), // reserved, with the limited broadcast 255.255.255.255
        IPNetwork.Parse("168.63.129.16/32"), // Azure's platform address (DNS, health probes, the wire server)

        // IPv6 Special-Purpose Address Registry
        IPNetwork.Parse("::/96"), // unspecified (::/128), loopback (::1/128) and the deprecated IPv4-compatible addresses
        IPNetwork.Parse("::ffff:0:0:0/96"), // IPv4-translated (SIIT); IPv4-mapped ones are checked as the IPv4 they carry
        IPNetwork.Parse("64:ff9b::/96"), // IPv4/IPv6 translation (well-known NAT64)
        IPNetwork.Parse("64:ff9b:1::/48"), // local-use IPv4/IPv6 translation
        IPNetwork.Parse("100::/64"), // discard-only
        IPNetwork.Parse("100:0:0:1::/64"), // dummy prefix
        IPNetwork.Parse("2001::/23"), // IETF protocol assignments: Teredo 2001::/32, benchmarking, AMT, AS112, ORCHIDv2, drone remote ID
        IPNetwork.Parse("2001:db8::/32"), // documentation
        IPNetwork.Parse("2002::/16"), // 6to4
        IPNetwork.Parse("2620:4f:8000::/48"), // direct delegation AS112 service
        IPNetwork.Parse("3fff::/20"), // documentation
        IPNetwork.Parse("5f00::/16"), // segment routing SIDs
        IPNetwork.Parse("fc00::/7"), // unique-local
        IPNetwork.Parse("fe80::/10"), // link-local unicast
        IPNetwork.Parse("fec0::/10"), // deprecated site-local
        IPNetwork.Parse("ff00::/8"), // multicast (its own registry)
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

        return Ranges.Any(network => network.BaseAddress.AddressFamily == normalized.AddressFamily && network.Contains(normalized));
    }
}
