namespace Serverless.Telemetry;

/// <summary>Local switches of the telemetry set-up, bound from the <c>Telemetry</c> section; exporters to services follow the standard environment variables.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>Print every finished span to the console (local debugging, and the end-to-end trace test).</summary>
    public bool ConsoleExporter { get; set; }
}
