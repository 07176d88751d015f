namespace Serverless.Client.Jobs;

/// <summary>Why a job did not succeed.</summary>
/// <param name="Code">A machine-readable code, for example <c>job_poisoned</c>.</param>
/// <param name="Message">What happened, for people.</param>
public sealed record AsyncJobError(string Code, string Message);
