using System.Diagnostics;

namespace Serverless.Api.Telemetry;

/// <summary>The API's spans: one per request (the pipeline) and one per worker call (the relay).</summary>
public static class ApiActivities
{
    /// <summary>The activity source, named like the meter.</summary>
    public static ActivitySource Source { get; } = new(ApiMetrics.MeterName);
}
