using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Serialization;

namespace Serverless.OpenAI.Http;

/// <summary>Reads a JSON request body with a size limit and a content-type check, and parses it into a wire type.</summary>
public static class JsonBody
{
    /// <summary>Reads and parses the body; failures (413, 415, 400) come back as values, never as exceptions.</summary>
    public static async Task<ParseResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, long limitBytes)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return new(null, ApiError.UnsupportedMediaType(request.ContentType));
        }

        if (request.ContentLength > limitBytes)
        {
            return new(null, ApiError.BodyTooLarge(limitBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } length ? (int)length + 1 : 16 * 1024);
        try
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(count), request.HttpContext.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                count += read;
                if (count > limitBytes)
                {
                    return new(null, ApiError.BodyTooLarge(limitBytes));
                }
            }

            return RequestParser.Parse(buffer.AsSpan(0, count), typeInfo);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A missing content type is read as JSON; anything else must be <c>application/json</c> or a <c>+json</c> type.</summary>
    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        return MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.MediaType is { } type
            && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
