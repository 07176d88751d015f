using Serverless.Api.Webhooks;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>The input of a batch's orchestration; settings travel in it because an orchestrator takes no services.</summary>
/// <param name="BatchId">The batch id, also the instance id and its chunks' partition.</param>
/// <param name="Partition">The owner's partition of the <c>batches</c> table.</param>
/// <param name="ExpiresAt">When its completion window ends.</param>
/// <param name="ChunkLines">The lines of a slice, and the most of a chunk (fixed for the batch).</param>
/// <param name="MaxChunksInFlight">The most chunks out at once.</param>
/// <param name="StopWait">How long stopped chunks are waited for before they are given up.</param>
/// <param name="Webhooks">How its webhook is called again when the first call fails.</param>
public sealed record BatchInput(string BatchId, string Partition, DateTimeOffset ExpiresAt, int ChunkLines, int MaxChunksInFlight, TimeSpan StopWait, WebhookRetries Webhooks);
