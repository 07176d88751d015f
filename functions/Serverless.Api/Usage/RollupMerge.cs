namespace Serverless.Api.Usage;

/// <summary>What one flush adds to one rollup row; <paramref name="Seq"/> rises with every merge of a writer.</summary>
internal sealed record RollupMerge(string Owner, DailyUsage Delta, long Seq);
