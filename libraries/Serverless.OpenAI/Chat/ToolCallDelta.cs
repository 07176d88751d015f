using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>
/// A streamed piece of a tool call (<c>delta.tool_calls[i]</c>): the first piece of a call carries its id, type and
/// name, and later pieces only its index and more of its arguments, as OpenAI streams them.
/// </summary>
public sealed record ToolCallDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int Index,
    string? Id,
    string? Type,
    FunctionCallDelta Function);
