namespace Serverless.Telemetry.Prometheus;

/// <summary>
/// The state of one labelled series: a value (counters and gauges), or bucket counts, a sum and a count
/// (histograms). Measurements arrive on many threads, so every change takes the series' own lock.
/// </summary>
internal sealed class Series(LabelSet labels, int bucketCount)
{
    private readonly Lock gate = new();
    private readonly long[] buckets = new long[bucketCount];
    private double value;
    private long count;

    /// <summary>The series' labels.</summary>
    public LabelSet Labels { get; } = labels;

    /// <summary>Adds to a counter or an up-down counter.</summary>
    public void Add(double amount)
    {
        lock (gate)
        {
            value += amount;
        }
    }

    /// <summary>Replaces the value (gauges, and the cumulative totals observable counters report).</summary>
    public void Set(double newValue)
    {
        lock (gate)
        {
            value = newValue;
        }
    }

    /// <summary>Counts a histogram observation in its bucket (the last bucket is +Inf).</summary>
    public void Observe(double observation, int bucket)
    {
        lock (gate)
        {
            buckets[bucket]++;
            value += observation;
            count++;
        }
    }

    /// <summary>A consistent copy: the value (a histogram's sum), the count and the per-bucket counts.</summary>
    public (double Value, long Count, long[] Buckets) Snapshot()
    {
        lock (gate)
        {
            return (value, count, (long[])buckets.Clone());
        }
    }
}
