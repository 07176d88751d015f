namespace Serverless.Jobs;

/// <summary>What came of a worker's <see cref="JobLifecycle.StartAsync"/>.</summary>
/// <param name="Result">Whether it started, and why not.</param>
/// <param name="Row">The row: marked running when started, as found otherwise; null when missing.</param>
public sealed record JobStart(JobStartResult Result, JobEntity? Row);
