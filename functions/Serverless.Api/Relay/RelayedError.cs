using System.Text.Json;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Relay;

/// <summary>The OpenAI error in a worker's 4xx answer, which the gateway relays as it is but reports by its code.</summary>
internal static class RelayedError
{
    /// <summary>The error <paramref name="body"/> carries, or a bare one with the status when it carries none.</summary>
    public static ApiError From(int status, ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                using (document)
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object
                        && document.RootElement.TryGetProperty("error", out var error)
                        && error.ValueKind == JsonValueKind.Object)
                    {
                        return new ApiError(status, new OpenAIError(
                            Text(error, "message") ?? string.Empty, Text(error, "type") ?? ErrorTypes.InvalidRequest, Text(error, "param"), Text(error, "code")));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not our worker's JSON: report the status alone.
        }

        return new ApiError(status, new OpenAIError(string.Empty, ErrorTypes.InvalidRequest, null, "worker_rejected"));
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
