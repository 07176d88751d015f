using System.Text.Json;

namespace Serverless.OpenAI.Chat;

/// <summary><c>response_format.json_schema</c>: a named schema the answer must follow.</summary>
public sealed record JsonSchemaFormat(string? Name, string? Description = null, JsonElement? Schema = null, bool? Strict = null);
