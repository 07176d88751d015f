using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Telemetry;

/// <summary>Who may scrape <c>GET /metrics</c>, bound from the <c>Metrics</c> section.</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Metrics";

    /// <summary>A bearer token for Prometheus, so the scraper needs no admin key; unset, only admins may scrape.</summary>
    [MinLength(16)]
    public string? Token { get; set; }
}
