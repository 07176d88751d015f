namespace Serverless.Gateway.Benchmarks;

/// <summary>Latencies (ms, sorted) and throughput of one load run.</summary>
internal sealed record LoadResult(double[] LatenciesMs, double Seconds, int Failures)
{
    public double RequestsPerSecond => LatenciesMs.Length / Seconds;

    public double Percentile(double p) => LatenciesMs.Length == 0
        ? double.NaN
        : LatenciesMs[Math.Min(LatenciesMs.Length - 1, (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1)];
}
