namespace Serverless.Client.Errors;

/// <summary>OpenAI's error object with the API's rate-limit extras.</summary>
internal sealed record ErrorDetail(
    string? Message,
    string? Type,
    string? Param,
    string? Code,
    Dictionary<string, long>? CurrentUsage,
    double? RetryAfter);
