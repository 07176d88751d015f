using System.Net;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;

namespace Serverless.Api.Tests.Auth;

public sealed class FailedAuthenticationsTests
{
    [Fact]
    public void AnAddress_IsTurnedAwayAfterItsBudgetOfFailures_AndOnlyThatAddress()
    {
        using var failures = Failures(perMinute: 5);
        var guesser = IPAddress.Parse("203.0.113.9");
        var neighbour = IPAddress.Parse("203.0.113.10");

        for (var i = 0; i < 5; i++)
        {
            Assert.False(failures.IsBlocked(guesser));
            failures.Record(guesser);
        }

        Assert.True(failures.IsBlocked(guesser));
        Assert.False(failures.IsBlocked(neighbour));
    }

    [Fact]
    public async Task ABlockedAddress_StaysBlocked_WhileItsBudgetRefillsByFractions()
    {
        using var failures = Failures(perMinute: 5);
        var guesser = IPAddress.Parse("203.0.113.9");
        for (var i = 0; i < 5; i++)
        {
            failures.Record(guesser);
        }

        // The limiter tops buckets up every 100 ms by a fraction of a token (one per 5 s here).
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.True(failures.IsBlocked(guesser));
    }

    [Fact]
    public void IPv6Clients_AreCountedByTheir64_SoRotatingTheInterfaceIdDoesNotHelp()
    {
        using var failures = Failures(perMinute: 3);
        for (var i = 1; i <= 3; i++)
        {
            failures.Record(IPAddress.Parse($"2001:db8:1:2::{i:x}"));
        }

        Assert.True(failures.IsBlocked(IPAddress.Parse("2001:db8:1:2::ffff")));
        Assert.False(failures.IsBlocked(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void IPv4MappedAddresses_CountAsTheirIPv4()
    {
        using var failures = Failures(perMinute: 2);
        failures.Record(IPAddress.Parse("198.51.100.7"));
        failures.Record(IPAddress.Parse("::ffff:198.51.100.7"));

        Assert.True(failures.IsBlocked(IPAddress.Parse("198.51.100.7")));
    }

    private static FailedAuthentications Failures(int perMinute) =>
        new(Options.Create(new AuthOptions { KeyPepper = "pepper-0123456789abcdef", FailedAttemptsPerMinute = perMinute }));
}
