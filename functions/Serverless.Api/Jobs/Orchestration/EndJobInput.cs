using Serverless.Jobs;

namespace Serverless.Api.Jobs.Orchestration;

/// <summary>The input of <see cref="EndJobActivity"/>.</summary>
/// <param name="Job">The job.</param>
/// <param name="Outcome">How it ended.</param>
public sealed record EndJobInput(JobInput Job, JobOutcome Outcome);
