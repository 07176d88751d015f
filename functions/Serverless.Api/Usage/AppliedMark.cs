namespace Serverless.Api.Usage;

/// <summary>The last merge a writer applied to a rollup row: its sequence number and when (Unix seconds).</summary>
internal sealed record AppliedMark(long Seq, long At);
