using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Catalog;

/// <summary>How the model catalog is kept and its deployments are guarded, bound from the <c>Catalog</c> section.</summary>
public sealed class CatalogOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Catalog";

    /// <summary>
    /// How often each instance re-reads the catalog: the bound within which a change reaches every instance (the
    /// instance that made it sees it at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether <c>openai</c> deployments may use plain http to hosts other than loopback (a key would cross the network in clear).</summary>
    public bool AllowHttpUpstreams { get; set; }

    /// <summary>The share of failed calls, over <see cref="BreakerSamplingDuration"/>, that opens a deployment's circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The fewest calls in the sampling window before the ratio can open the circuit.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 5;

    /// <summary>The window over which failures are counted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit stays open before one probe is let through (half-open).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
