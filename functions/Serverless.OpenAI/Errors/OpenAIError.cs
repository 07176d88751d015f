using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Errors;

/// <summary>The OpenAI error object: <c>{"message","type","param","code"}</c>.</summary>
public sealed record OpenAIError(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
