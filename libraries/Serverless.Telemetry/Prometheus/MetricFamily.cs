using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Serverless.Telemetry.Prometheus;

/// <summary>One instrument as a Prometheus metric family: its name, help, type and labelled series.</summary>
internal sealed class MetricFamily
{
    /// <summary>OpenTelemetry's default histogram boundaries, for histograms that give no advice.</summary>
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly ConcurrentDictionary<LabelSet, Series> series = new();
    private readonly bool cumulative;

    private MetricFamily(Instrument instrument, MetricKind kind, bool cumulative, double[] bounds)
    {
        Name = PrometheusText.MetricName(instrument.Name);
        Help = instrument.Description ?? string.Empty;
        Kind = kind;
        IsObservable = instrument.IsObservable;
        Bounds = bounds;
        this.cumulative = cumulative;
    }

    /// <summary>The metric name.</summary>
    public string Name { get; }

    /// <summary>The help text (the instrument's description).</summary>
    public string Help { get; }

    /// <summary>The Prometheus type.</summary>
    public MetricKind Kind { get; }

    /// <summary>Whether the values come from callbacks at scrape time.</summary>
    public bool IsObservable { get; }

    /// <summary>A histogram's upper bounds, ascending, without +Inf.</summary>
    public double[] Bounds { get; }

    /// <summary>The family of <paramref name="instrument"/>, or null for an instrument type the exporter does not know.</summary>
    public static MetricFamily? For(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition switch
        {
            _ when definition == typeof(Counter<>) => new(instrument, MetricKind.Counter, cumulative: false, []),
            _ when definition == typeof(ObservableCounter<>) => new(instrument, MetricKind.Counter, cumulative: true, []),
            _ when definition == typeof(UpDownCounter<>) => new(instrument, MetricKind.Gauge, cumulative: false, []),
            _ when definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>) =>
                new(instrument, MetricKind.Gauge, cumulative: true, []),
            _ when definition == typeof(Histogram<>) => new(instrument, MetricKind.Histogram, cumulative: false, BoundsOf(instrument)),
            _ => null,
        };
    }

    /// <summary>Records one measurement.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Kind == MetricKind.Histogram && double.IsNaN(value))
        {
            return; // no bucket holds NaN, and it would poison the sum
        }

        var labels = LabelSet.From(tags);
        var target = series.GetOrAdd(labels, static (key, bucketCount) => new Series(key, bucketCount), Bounds.Length + 1);
        if (Kind == MetricKind.Histogram)
        {
            target.Observe(value, BucketOf(value));
        }
        else if (cumulative)
        {
            target.Set(value);
        }
        else
        {
            target.Add(value);
        }
    }

    /// <summary>Forgets an observable instrument's series before its callbacks report afresh, so series that stopped being reported go away.</summary>
    public void ClearObservations()
    {
        if (IsObservable)
        {
            series.Clear();
        }
    }

    /// <summary>Appends the family in the text format: HELP, TYPE, then the series sorted by their labels.</summary>
    public void WriteTo(StringBuilder text)
    {
        if (Help.Length > 0)
        {
            text.Append("# HELP ").Append(Name).Append(' ');
            PrometheusText.AppendEscapedHelp(text, Help);
            text.Append('\n');
        }

        text.Append("# TYPE ").Append(Name).Append(' ').Append(Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');

        foreach (var entry in series.Values.OrderBy(s => s.Labels.Text, StringComparer.Ordinal))
        {
            var (value, count, buckets) = entry.Snapshot();
            if (Kind != MetricKind.Histogram)
            {
                Sample(text, Name, entry.Labels.Text, null, value);
                continue;
            }

            long cumulativeCount = 0;
            for (var i = 0; i < Bounds.Length; i++)
            {
                cumulativeCount += buckets[i];
                Sample(text, Name + "_bucket", entry.Labels.Text, PrometheusText.Number(Bounds[i]), cumulativeCount);
            }

            Sample(text, Name + "_bucket", entry.Labels.Text, "+Inf", count);
            Sample(text, Name + "_sum", entry.Labels.Text, null, value);
            Sample(text, Name + "_count", entry.Labels.Text, null, count);
        }
    }

    private int BucketOf(double value)
    {
        // Prometheus buckets are "less than or equal": a value on a boundary counts in that boundary's bucket.
        var index = Array.BinarySearch(Bounds, value);
        return index >= 0 ? index : ~index;
    }

    private static void Sample(StringBuilder text, string name, string labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }

    private static double[] BoundsOf(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };
        var bounds = (advised ?? DefaultBounds).Where(b => !double.IsNaN(b) && !double.IsInfinity(b)).Distinct().Order().ToArray();
        return bounds;
    }
}
