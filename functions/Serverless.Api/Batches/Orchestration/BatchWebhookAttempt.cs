namespace Serverless.Api.Batches.Orchestration;

/// <summary>The input of <see cref="DeliverBatchWebhookActivity"/>.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Attempt">Which call this is (2, 3, …).</param>
public sealed record BatchWebhookAttempt(BatchInput Batch, int Attempt);
