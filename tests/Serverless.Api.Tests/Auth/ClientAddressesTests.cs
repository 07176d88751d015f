using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;

namespace Serverless.Api.Tests.Auth;

/// <summary>A client that writes its own <c>X-Forwarded-For</c> never chooses the address its key's allow list sees.</summary>
public sealed class ClientAddressesTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.1.2.3");

    [Fact]
    public void Off_TheConnectionsPeerIsTheClient_WhateverTheHeaderSays()
    {
        var context = Request(Proxy, "198.51.100.7");

        Addresses(enabled: false).Apply(context);

        Assert.Equal(Proxy, ClientAddresses.Of(context));
    }

    [Fact]
    public void BehindAKnownProxy_TheEntryTheProxyAppendedWins_NotTheClientsOwn()
    {
        // The client sent "X-Forwarded-For: 198.51.100.7" (an address its stolen key allows); the proxy appended the
        // address it really saw.
        var context = Request(Proxy, "198.51.100.7, 203.0.113.9");

        Addresses(enabled: true, networks: ["10.0.0.0/8"]).Apply(context);

        Assert.Equal(IPAddress.Parse("203.0.113.9"), ClientAddresses.Of(context));
    }

    [Fact]
    public void FromAnAddressThatIsNoKnownProxy_TheHeaderIsIgnored()
    {
        var stranger = IPAddress.Parse("192.0.2.50");
        var context = Request(stranger, "198.51.100.7");

        Addresses(enabled: true, networks: ["10.0.0.0/8"]).Apply(context);

        Assert.Equal(stranger, ClientAddresses.Of(context));
    }

    [Fact]
    public void TwoKnownProxies_WithALimitOfTwo_ReadTwoEntries_AndNoMore()
    {
        // client -> front door (10.9.9.9, known) -> gateway (10.1.2.3, known) -> app; the client forged the first entry.
        var context = Request(Proxy, "198.51.100.7, 203.0.113.9, 10.9.9.9");

        Addresses(enabled: true, networks: ["10.0.0.0/8"], limit: 2).Apply(context);

        Assert.Equal(IPAddress.Parse("203.0.113.9"), ClientAddresses.Of(context));
    }

    [Fact]
    public void KnownProxyWithoutTheHeader_StaysTheClient()
    {
        var context = Request(Proxy, null);

        Addresses(enabled: true, proxies: ["10.1.2.3"]).Apply(context);

        Assert.Equal(Proxy, ClientAddresses.Of(context));
    }

    private static ClientAddresses Addresses(bool enabled, string[]? proxies = null, string[]? networks = null, int limit = 1)
    {
        var options = new AuthOptions { KeyPepper = "pepper-0123456789abcdef", ForwardedHeaders = { Enabled = enabled, ForwardLimit = limit } };
        foreach (var proxy in proxies ?? [])
        {
            options.ForwardedHeaders.KnownProxies.Add(proxy);
        }

        foreach (var network in networks ?? [])
        {
            options.ForwardedHeaders.KnownNetworks.Add(network);
        }

        return new ClientAddresses(Options.Create(options), NullLoggerFactory.Instance);
    }

    private static DefaultHttpContext Request(IPAddress peer, string? forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = peer;
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context;
    }
}
