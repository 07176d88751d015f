namespace Serverless.Worker.Serving;

/// <summary>What the health endpoints say: status, execution provider, loaded models, load failures, and the generation work in progress.</summary>
internal sealed record HealthReport(string Status, string Provider, IReadOnlyList<string> Models, IReadOnlyList<string> Failures, int ActiveSequences = 0, int WaitingRequests = 0);
