using System.Text.Json;

namespace Serverless.OpenAI.Chat;

/// <summary>A function the model may call: its name, what it does and the JSON schema of its arguments.</summary>
public sealed record FunctionDefinition(string? Name, string? Description = null, JsonElement? Parameters = null, bool? Strict = null);
