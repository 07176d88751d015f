namespace Serverless.Client.Jobs;

/// <summary>One call of a job's webhook, as the API recorded it.</summary>
/// <param name="Attempt">1 for the first call.</param>
/// <param name="At">When it was made (Unix seconds).</param>
/// <param name="StatusCode">The receiver's HTTP status, if it answered.</param>
/// <param name="Error">Why it failed without an answer.</param>
/// <param name="DurationMs">How long it took.</param>
public sealed record WebhookDelivery(int Attempt, long At, int? StatusCode, string? Error, long DurationMs);
