namespace Serverless.Gateway.Benchmarks;

/// <summary>One request of a load run: when it started (seconds into the run), how long it took, how it ended.</summary>
internal readonly record struct Sample(double StartSeconds, double LatencyMs, RequestOutcome Outcome);
