namespace Serverless.OpenAI.Errors;

/// <summary>The envelope OpenAI wraps every error in: <c>{"error":{...}}</c>.</summary>
public sealed record ErrorBody(OpenAIError Error);
