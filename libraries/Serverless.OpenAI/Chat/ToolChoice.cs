using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Chat;

/// <summary>
/// <c>tool_choice</c>: <c>"none"</c>, <c>"auto"</c>, <c>"required"</c>, or <c>{"type":"function","function":{"name":…}}</c>
/// (read as <see cref="Function"/> with the name).
/// </summary>
[JsonConverter(typeof(ToolChoiceConverter))]
public sealed record ToolChoice(string Mode, string? FunctionName = null)
{
    /// <summary>Never call a tool.</summary>
    public const string None = "none";

    /// <summary>The model decides.</summary>
    public const string Auto = "auto";

    /// <summary>Call at least one tool.</summary>
    public const string Required = "required";

    /// <summary>Call the named function.</summary>
    public const string Function = "function";

    /// <summary>Whether the answer must be a call (<c>required</c> or a named function).</summary>
    [JsonIgnore]
    public bool ForcesCall => Mode is Required or Function;
}
