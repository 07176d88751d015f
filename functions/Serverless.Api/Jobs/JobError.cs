namespace Serverless.Api.Jobs;

/// <summary>Why a job did not succeed.</summary>
/// <param name="Code">A machine-readable code.</param>
/// <param name="Message">What happened, for people.</param>
public sealed record JobError(string Code, string Message);
