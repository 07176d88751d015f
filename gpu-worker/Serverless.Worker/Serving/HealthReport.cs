namespace Serverless.Worker.Serving;

/// <summary>What the health endpoints say: status, execution provider, loaded models and load failures.</summary>
internal sealed record HealthReport(string Status, string Provider, IReadOnlyList<string> Models, IReadOnlyList<string> Failures);
