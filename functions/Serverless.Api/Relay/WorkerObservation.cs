namespace Serverless.Api.Relay;

/// <summary>One outcome of a gateway call to the worker: whether it found a worker able to serve, why not, and when.</summary>
public sealed record WorkerObservation(bool Reachable, string? Reason, DateTimeOffset At);
