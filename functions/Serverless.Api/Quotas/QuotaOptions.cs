using System.ComponentModel.DataAnnotations;
using Serverless.Api.Keys;

namespace Serverless.Api.Quotas;

/// <summary>How limits are kept, bound from the <c>Quotas</c> section.</summary>
public sealed class QuotaOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Quotas";

    /// <summary>The share of a limit an instance leases at a time (a block); smaller is fairer across instances, larger saves storage calls.</summary>
    [Range(0.001, 1.0)]
    public double LeaseFraction { get; set; } = 0.05;

    /// <summary>Leased capacity unused for this long goes back to the shared counter for other instances.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ReturnIdleLeasesAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Limits of the <c>default</c> tier while no tier row says otherwise.</summary>
    public KeyLimits DefaultTier { get; set; } = new(Rpm: 60, Tpm: 200_000, Rpd: 10_000, Tpd: 5_000_000, MaxConcurrency: 16);
}
