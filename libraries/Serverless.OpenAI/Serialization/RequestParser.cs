using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serverless.OpenAI.Errors;

namespace Serverless.OpenAI.Serialization;

/// <summary>Parses a JSON request body into a wire type, turning every JSON problem into a 400 that names the field.</summary>
public static class RequestParser
{
    /// <summary>Parses <paramref name="body"/>; never throws for bad input.</summary>
    public static ParseResult<T> Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (body.IsEmpty)
        {
            return new(null, ApiError.InvalidJson("The request body is empty; send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize(body, typeInfo);
            return value is null
                ? new(null, ApiError.InvalidJson("The request body must be a JSON object."))
                : new(value, null);
        }
        catch (JsonException e)
        {
            return new(null, Describe(e));
        }
    }

    private static ApiError Describe(JsonException e)
    {
        var param = ToParam(e.Path);
        if (param is null)
        {
            return ApiError.InvalidJson(e.Path == "$"
                ? "The request body must be a JSON object."
                : "We could not parse the JSON body of your request. It is not valid JSON.");
        }

        // Our own converters say what they expected; the serializer's own messages name .NET types, which mean nothing to a client.
        var detail = e.InnerException is null && !e.Message.Contains("Path:", StringComparison.Ordinal)
            ? $": {e.Message}"
            : ".";
        return ApiError.InvalidParameter(param, $"Invalid type or value for '{param}'{detail}", "invalid_type");
    }

    /// <summary>Turns a JSON path such as <c>$.messages[0].content</c> into OpenAI's param form <c>messages[0].content</c>.</summary>
    internal static string? ToParam(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$" || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        return path[2..].Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal);
    }
}
