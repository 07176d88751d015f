namespace Serverless.Telemetry.Prometheus;

/// <summary>The Prometheus metric types the exporter writes.</summary>
internal enum MetricKind
{
    /// <summary>A monotonic total (<c>Counter</c>, <c>ObservableCounter</c>).</summary>
    Counter,

    /// <summary>A value that goes up and down (up-down counters and gauges, observable or not).</summary>
    Gauge,

    /// <summary>Cumulative buckets, a sum and a count (<c>Histogram</c>).</summary>
    Histogram,
}
