namespace Serverless.Jobs;

/// <summary>Why a batch line did not run.</summary>
/// <param name="Code">A machine-readable code.</param>
/// <param name="Message">What happened.</param>
public sealed record BatchLineError(string Code, string Message);
