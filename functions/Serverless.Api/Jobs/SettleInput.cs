namespace Serverless.Api.Jobs;

/// <summary>The input of <see cref="SettleJobActivity"/>.</summary>
/// <param name="Job">The job.</param>
/// <param name="Outcome">How it ended.</param>
public sealed record SettleInput(JobInput Job, JobOutcome Outcome);
