namespace Serverless.Api.Batches.Orchestration;

/// <summary>The input of <see cref="DispatchChunkActivity"/>: dispatch the lines from <paramref name="NextLine"/> on.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="NextLine">The first line not yet dispatched (0-based).</param>
public sealed record ChunkRequest(BatchInput Batch, int NextLine);
