namespace Serverless.Api.Batches;

/// <summary>One problem with a batch's input file, in OpenAI's shape.</summary>
/// <param name="Code">A machine-readable code.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Param">The field, when one is to blame.</param>
/// <param name="Line">The 1-based line of the input file, when one is to blame.</param>
public sealed record BatchError(string Code, string Message, string? Param = null, int? Line = null);
