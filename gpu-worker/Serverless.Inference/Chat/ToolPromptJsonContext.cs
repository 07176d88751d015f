using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Inference.Chat;

/// <summary>Serializes the tool descriptions written into prompts.</summary>
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class ToolPromptJsonContext : JsonSerializerContext;
