namespace Serverless.Gateway.Benchmarks;

/// <summary>Latencies (ms, sorted), the gateway's own time from <c>Server-Timing</c> (sorted) and throughput of one load run.</summary>
internal sealed record LoadResult(double[] LatenciesMs, double[] GatewayMs, double Seconds, int Failures)
{
    public double RequestsPerSecond => LatenciesMs.Length / Seconds;

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public double GatewayPercentile(double p) => Percentile(GatewayMs, p);

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0
        ? double.NaN
        : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}
