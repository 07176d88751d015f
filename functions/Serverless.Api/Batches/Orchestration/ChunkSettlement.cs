using Serverless.Jobs;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>The input of <see cref="SettleChunkActivity"/>.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="ChunkId">The chunk.</param>
/// <param name="Result">What the worker reported (or the orchestration, for a chunk it gave up on).</param>
/// <param name="Before">The batch's counts before this chunk.</param>
public sealed record ChunkSettlement(BatchInput Batch, string ChunkId, JobResultMessage Result, BatchRequestCounts Before);
