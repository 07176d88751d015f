using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Auth;

/// <summary>
/// Counts failed authentications per client address (an IPv6 client by its /64, which one host usually holds
/// whole) and turns an address away with a 429 once it has used up <see cref="AuthOptions.FailedAttemptsPerMinute"/>,
/// before its next guess costs a key lookup. The budget refills steadily, so a client that mistyped a key is
/// back within seconds; idle addresses are forgotten once their budget is full again.
/// </summary>
public sealed class FailedAuthentications : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    /// <summary>Builds the per-address budgets from the settings.</summary>
    public FailedAuthentications(IOptions<AuthOptions> options)
    {
        var perMinute = options.Value.FailedAttemptsPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 12),
            ReplenishmentPeriod = TimeSpan.FromSeconds(5),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>How long a turned-away client should wait: one refill period.</summary>
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether <paramref name="address"/> has used up its failures (no address: never, there is nothing to count by).</summary>
    public bool IsBlocked(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        // Not AttemptAcquire(0): the bucket refills continuously, and a fraction of a token would pass that check.
        return limiter.GetStatistics(PartitionOf(address)) is { CurrentAvailablePermits: < 1 };
    }

    /// <summary>Counts one failure against <paramref name="address"/>.</summary>
    public void Record(IPAddress? address)
    {
        if (address is not null)
        {
            limiter.AttemptAcquire(PartitionOf(address)).Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => limiter.Dispose();

    private static string PartitionOf(IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (normalized.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return normalized.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        normalized.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
