namespace Serverless.Api.Jobs.Webhooks;

/// <summary>The input of <see cref="DeliverWebhookActivity"/>: which job, which call (the first is made by <see cref="EndJobActivity"/>).</summary>
/// <param name="JobId">The job id.</param>
/// <param name="Partition">The job row's partition.</param>
/// <param name="Attempt">1 for the first call.</param>
public sealed record WebhookAttempt(string JobId, string Partition, int Attempt);
