using System.Net;
using Serverless.Api.Webhooks;

namespace Serverless.Api.Tests.Webhooks;

/// <summary>
/// The address ranges a webhook may never connect to: one address from each range of the IANA IPv4 and IPv6
/// Special-Purpose Address Registries (and multicast, and Azure's platform address), and public addresses allowed.
/// </summary>
public sealed class WebhookAddressGuardTests
{
    /// <summary>One address per refused range; the range it stands for is the comment.</summary>
    public static TheoryData<string> Refused =>
    [
        "0.0.0.0", // 0.0.0.0/8 "this network"
        "10.1.2.3", // 10.0.0.0/8 private-use
        "100.64.0.1", // 100.64.0.0/10 shared address space
        "127.0.0.1", // 127.0.0.0/8 loopback
        "169.254.169.254", // 169.254.0.0/16 link-local: the metadata endpoint
        "172.16.0.1", // 172.16.0.0/12 private-use
        "192.0.0.170", // 192.0.0.0/24 IETF protocol assignments (NAT64 discovery)
        "192.0.2.1", // 192.0.2.0/24 TEST-NET-1
        "192.31.196.1", // 192.31.196.0/24 AS112-v4
        "192.52.193.1", // 192.52.193.0/24 AMT
        "192.88.99.1", // 192.88.99.0/24 deprecated 6to4 relay anycast
        "192.168.1.1", // 192.168.0.0/16 private-use
        "192.175.48.1", // 192.175.48.0/24 AS112 direct delegation
        "198.19.255.254", // 198.18.0.0/15 benchmarking
        "198.51.100.1", // 198.51.100.0/24 TEST-NET-2
        "203.0.113.1", // 203.0.113.0/24 TEST-NET-3
        "224.0.0.251", // 224.0.0.0/4 multicast
        "255.255.255.255", // 240.0.0.0/4 reserved, with the limited broadcast
        "168.63.129.16", // Azure's platform address
        "::", // ::/96 unspecified
        "::1", // ::/96 loopback
        "::ffff:0:a00:1", // ::ffff:0:0:0/96 IPv4-translated
        "::ffff:10.0.0.1", // an IPv4-mapped private address, checked as IPv4
        "64:ff9b::a00:1", // 64:ff9b::/96 NAT64
        "64:ff9b:1::1", // 64:ff9b:1::/48 local-use translation
        "100::1", // 100::/64 discard-only
        "100:0:0:1::1", // 100:0:0:1::/64 dummy prefix
        "2001::1", // 2001::/23 IETF protocol assignments: Teredo 2001::/32
        "2001:2::1", // 2001::/23: benchmarking 2001:2::/48
        "2001:db8::1", // 2001:db8::/32 documentation
        "2002:a00:1::1", // 2002::/16 6to4 (carrying 10.0.0.1)
        "2620:4f:8000::1", // 2620:4f:8000::/48 AS112 direct delegation
        "3fff::1", // 3fff::/20 documentation
        "5f00::1", // 5f00::/16 segment routing SIDs
        "fd00:ec2::254", // fc00::/7 unique-local: a cloud's metadata endpoint
        "fe80::1", // fe80::/10 link-local
        "fec0::1", // fec0::/10 deprecated site-local
        "ff02::1", // ff00::/8 multicast
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public void IsForbidden_EverySpecialPurposeRange_IsRefused(string address) =>
        Assert.True(WebhookAddressGuard.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.216.34")]
    [InlineData("100.128.0.1")] // just past 100.64.0.0/10
    [InlineData("172.32.0.1")] // just past 172.16.0.0/12
    [InlineData("::ffff:8.8.8.8")] // an IPv4-mapped public address
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")] // in 2001::/16, past 2001::/23
    [InlineData("2a00:1450:4001::1")]
    public void IsForbidden_PublicAddresses_AreAllowed(string address) =>
        Assert.False(WebhookAddressGuard.IsForbidden(IPAddress.Parse(address)));

    [Fact]
    public void Refused_HasAnAddressInEveryRange_SoNoRangeGoesUntested()
    {
        var samples = ((IEnumerable<object[]>)Refused).Select(row => IPAddress.Parse((string)row[0])).ToArray();

        Assert.All(WebhookAddressGuard.Ranges, range => Assert.Contains(samples, range.Contains));
    }
}
