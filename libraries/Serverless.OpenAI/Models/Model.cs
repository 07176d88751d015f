using System.Text.Json.Serialization;

namespace Serverless.OpenAI.Models;

/// <summary>A model as <c>/v1/models</c> shows it, with the capability fields of the design's example.</summary>
public sealed record Model(
    string Id,
    long Created,
    string OwnedBy,
    ModelCapabilities Capabilities,
    int ContextLength,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Dimensions)
{
    /// <summary>Always <c>model</c>.</summary>
    public string Object => "model";

    /// <summary>Kept for clients that read OpenAI's older shape; always empty.</summary>
    public IReadOnlyList<string> Permission => [];

    /// <summary>Whether the model generates text (completions and chat).</summary>
    [JsonIgnore]
    public bool Generates => Capabilities.Completion || Capabilities.Chat;
}
