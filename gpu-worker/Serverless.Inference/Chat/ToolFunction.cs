using System.Text.Json;

namespace Serverless.Inference;

/// <summary>A function offered to the model: its name, what it does and the JSON schema of its arguments.</summary>
public sealed record ToolFunction(string Name, string? Description, JsonElement? Parameters);
