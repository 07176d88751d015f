namespace Serverless.OpenAI.Chat;

/// <summary><c>response_format</c>: <c>text</c>, <c>json_object</c>, or <c>json_schema</c> with the schema to follow.</summary>
public sealed record ResponseFormat(string? Type, JsonSchemaFormat? JsonSchema = null)
{
    /// <summary>Free text, the default.</summary>
    public const string Text = "text";

    /// <summary>Any JSON object.</summary>
    public const string JsonObject = "json_object";

    /// <summary>A JSON document valid against <see cref="JsonSchema"/>.</summary>
    public const string JsonSchemaType = "json_schema";
}
