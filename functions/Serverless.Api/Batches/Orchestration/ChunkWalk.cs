using Serverless.Jobs;

namespace Serverless.Api.Batches.Orchestration;

/// <summary>
/// Walks a batch's chunks in line order, loading one chunk's answers at a time: the answer of a line (by its index
/// and custom id), or null when no chunk answered it (never dispatched, or its chunk stopped or failed first).
/// </summary>
internal sealed class ChunkWalk(string batchId, IReadOnlyList<string> chunkIds, JobLifecycle jobs, JobPayloads payloads)
{
    private int next;
    private int end = -1;
    private Dictionary<string, BatchOutputLine> answers = new(StringComparer.Ordinal);

    /// <summary>The answer of line <paramref name="index"/>; lines must be asked for in order.</summary>
    public async Task<BatchOutputLine?> AnswerAsync(int index, string customId)
    {
        while (next < chunkIds.Count && FirstLineOf(chunkIds[next]) <= index)
        {
            var chunk = await jobs.GetAsync(batchId, chunkIds[next], CancellationToken.None);
            var text = chunk is null ? null : await payloads.LoadAsync(chunk.Result, chunk.ResultBlob, CancellationToken.None);
            answers = BatchOutput.Parse(text).ToDictionary(l => l.CustomId, StringComparer.Ordinal);
            end = FirstLineOf(chunkIds[next]) + (chunk?.BatchLines ?? 0);
            next++;
        }

        return index < end ? answers.GetValueOrDefault(customId) : null;
    }

    private static int FirstLineOf(string chunkId) =>
        int.Parse(chunkId.AsSpan(chunkId.LastIndexOf('.') + 1), System.Globalization.CultureInfo.InvariantCulture);
}
