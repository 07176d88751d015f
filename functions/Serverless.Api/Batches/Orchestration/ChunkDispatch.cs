namespace Serverless.Api.Batches.Orchestration;

/// <summary>What <see cref="DispatchChunkActivity"/> did.</summary>
/// <param name="ChunkId">The chunk sent to the workers, or null when no line was admitted.</param>
/// <param name="End">The first line it did not dispatch.</param>
/// <param name="WaitSeconds">How long to wait before dispatching again: a per-minute limit refused the next line (0: none did).</param>
/// <param name="QuotaExhausted">Whether a daily limit or the budget refused the next line: no more lines are dispatched.</param>
public sealed record ChunkDispatch(string? ChunkId, int End, int WaitSeconds, bool QuotaExhausted);
