using System.Text.Json;

namespace Serverless.Inference;

/// <summary>A function a forced tool call may name, with the JSON schema of its arguments (null: any JSON object).</summary>
public sealed record ToolFunctionSchema(string Name, JsonElement? Parameters);
