namespace Serverless.Api.Health;

/// <summary>
/// What <c>/readyz</c> says: <c>ready</c> or <c>not_ready</c> to anyone; to operators (the metrics token or an admin
/// key) also each dependency's state, how the worker's was learnt (<c>probe</c> or <c>observed</c>) and when, and the
/// circuit of each catalog deployment this instance has called (<c>closed</c>, <c>half_open</c>, <c>open</c>); an open circuit
/// does not make the instance unready, since other deployments or the worker may serve.
/// </summary>
internal sealed record ReadinessReport(
    string Status,
    string? Storage = null,
    string? Worker = null,
    string? WorkerSource = null,
    DateTimeOffset? WorkerSeenAt = null,
    string? WorkerReason = null,
    DateTimeOffset? CheckedAt = null,
    IReadOnlyDictionary<string, string>? Deployments = null);
