namespace Serverless.Api.Batches.Orchestration;

/// <summary>The input of <see cref="FinishBatchActivity"/>.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Status">How it ends: completed, expired or cancelled.</param>
/// <param name="NotRunCode">The error code of lines never run (<c>batch_expired</c>, <c>batch_cancelled</c>, <c>insufficient_quota</c>), or null.</param>
public sealed record BatchEnd(BatchInput Batch, string Status, string? NotRunCode);
