namespace Serverless.Api.Usage;

/// <summary>
/// What one flush adds to one rollup row. <paramref name="Writer"/> is the recorder that summed it (kept when a merge
/// is spilled to disk and applied by another process) and <paramref name="Seq"/> rises with every merge of that
/// writer, so a row applies each merge once.
/// </summary>
internal sealed record RollupMerge(string Writer, string Owner, DailyUsage Delta, long Seq);
