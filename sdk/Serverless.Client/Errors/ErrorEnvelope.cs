namespace Serverless.Client.Errors;

/// <summary>OpenAI's error envelope, <c>{"error":{...}}</c>.</summary>
internal sealed record ErrorEnvelope(ErrorDetail? Error);
