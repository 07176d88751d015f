using System.Globalization;

namespace Serverless.Jobs;

/// <summary>
/// A batch's lines run in chunks: each chunk is a job row (partition: the batch id; id: the batch id and the chunk's
/// first line) whose request is the chunk's lines (<see cref="BatchChunkLine"/>, one JSON object per line) and whose
/// result is their output lines (<see cref="BatchOutputLine"/>). Its result message goes to the batch's orchestration.
/// </summary>
public static class BatchChunks
{
    private const string KindPrefix = "batch:";

    /// <summary>The job kind of a chunk of a batch calling <paramref name="endpoint"/> (<c>/v1/embeddings</c>, ...).</summary>
    public static string KindOf(string endpoint) => KindPrefix + endpoint;

    /// <summary>The endpoint a chunk's lines call, or null when <paramref name="kind"/> is not a chunk's.</summary>
    public static string? EndpointOf(string kind) =>
        kind is not null && kind.StartsWith(KindPrefix, StringComparison.Ordinal) ? kind[KindPrefix.Length..] : null;

    /// <summary>The id of the chunk of <paramref name="batchId"/> that starts at line <paramref name="firstLine"/> (0-based).</summary>
    public static string IdOf(string batchId, int firstLine) =>
        batchId + "." + firstLine.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>The batch a chunk id belongs to, or null when <paramref name="jobId"/> is not a chunk's.</summary>
    public static string? BatchOf(string jobId)
    {
        var dot = jobId?.LastIndexOf('.') ?? -1;
        return dot > 0 && jobId!.StartsWith("batch_", StringComparison.Ordinal) ? jobId[..dot] : null;
    }
}
