namespace Serverless.Api.Batches.Orchestration;

/// <summary>The input of <see cref="StopBatchActivity"/>.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="ChunkIds">Its chunks still out: their workers stop them between two lines.</param>
/// <param name="Cancelling">Whether its owner cancelled it (else its window ended).</param>
public sealed record StopChunks(BatchInput Batch, IReadOnlyList<string> ChunkIds, bool Cancelling);
