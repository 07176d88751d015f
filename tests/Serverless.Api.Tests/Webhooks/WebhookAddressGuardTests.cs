using System.Net;
using Serverless.Api.Webhooks;

namespace Serverless.Api.Tests.Webhooks;

/// <summary>The address ranges a webhook may never connect to.</summary>
public sealed class WebhookAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("0.0.0.0")]
    [InlineData("100.64.0.1")]
    public void IsForbidden_InternalAddresses(string address) =>
        Assert.True(WebhookAddressGuard.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    public void IsForbidden_PublicAddresses_AreAllowed(string address) =>
        Assert.False(WebhookAddressGuard.IsForbidden(IPAddress.Parse(address)));
}
