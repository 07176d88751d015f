using System.Net;
using Serverless.Api.Auth;

namespace Serverless.Api.Tests.Auth;

public sealed class CallerTests
{
    private static Caller WithAllowlist(params string[] networks) =>
        new("key_1", "tenant", Role.User, [], null, networks.Select(IPNetwork.Parse).ToArray(), "default");

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("::ffff:10.9.9.9", true)] // IPv4 mapped into IPv6, as dual-stack sockets report it
    [InlineData("::1", false)]
    public void MayCallFrom_MatchesIPv4AndIPv6Networks(string address, bool allowed)
    {
        var caller = WithAllowlist("10.0.0.0/8", "2001:db8::/32");

        Assert.Equal(allowed, caller.MayCallFrom(IPAddress.Parse(address)));
    }

    [Fact]
    public void MayCallFrom_WithEmptyAllowlist_AllowsAnyAddress() =>
        Assert.True(WithAllowlist().MayCallFrom(IPAddress.Parse("203.0.113.7")));

    [Fact]
    public void MayCallFrom_WithUnknownAddress_IsRefusedWhenAListIsSet() =>
        Assert.False(WithAllowlist("10.0.0.0/8").MayCallFrom(null));

    [Fact]
    public void ScopesAndModels_EmptyOrNullMeanEverything()
    {
        var open = new Caller("k", "o", Role.User, [], null, [], "t");
        var narrow = new Caller("k", "o", Role.User, [Scopes.Chat], ["gpt2-tiny"], [], "t");

        Assert.True(open.HasScope(Scopes.Embeddings));
        Assert.True(open.MayUse("anything"));
        Assert.True(narrow.HasScope(Scopes.Chat));
        Assert.False(narrow.HasScope(Scopes.Embeddings));
        Assert.False(narrow.MayUse("all-minilm-l6-v2"));
    }
}
