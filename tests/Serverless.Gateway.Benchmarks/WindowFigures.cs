namespace Serverless.Gateway.Benchmarks;

/// <summary>What a stretch of a load run shows: requests started, how they ended, latency percentiles and throughput.</summary>
internal sealed record WindowFigures(int Sent, int Ok, int Errors, int Timeouts, int Late, double P50Ms, double P99Ms, double OkPerSecond)
{
    /// <summary>Figures of <paramref name="samples"/> (the ended requests), <paramref name="sent"/> started over <paramref name="seconds"/>.</summary>
    public static WindowFigures Of(IReadOnlyCollection<Sample> samples, int sent, int late, double seconds)
    {
        var latencies = samples.Select(s => s.LatencyMs).Order().ToArray();
        var ok = samples.Count(s => s.Outcome == RequestOutcome.Ok);
        return new WindowFigures(
            sent,
            ok,
            samples.Count(s => s.Outcome == RequestOutcome.Error),
            samples.Count(s => s.Outcome == RequestOutcome.Timeout),
            late,
            Percentile(latencies, 50),
            Percentile(latencies, 99),
            seconds > 0 ? ok / seconds : double.NaN);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0
        ? double.NaN
        : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}
