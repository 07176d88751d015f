using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Serverless.OpenAI.Http;

/// <summary>Writes OpenAI's server-sent event stream: <c>data: {json}\n\n</c> per chunk, flushed at once, then <c>data: [DONE]</c>.</summary>
public sealed class ServerSentEvents
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly HttpResponse response;
    private readonly ArrayBufferWriter<byte> buffer = new(1024);

    private ServerSentEvents(HttpResponse response) => this.response = response;

    /// <summary>Starts the event stream: status 200, event-stream headers, response buffering off.</summary>
    public static async Task<ServerSentEvents> StartAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(response.HttpContext.RequestAborted);
        return new ServerSentEvents(response);
    }

    /// <summary>
    /// Writes one event and flushes it to the client. A <paramref name="comment"/> rides along as an SSE comment
    /// line, which every SSE client ignores by the standard (the gateway reads its token counts from it).
    /// </summary>
    public async Task WriteAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken, string? comment = null)
    {
        buffer.ResetWrittenCount();
        buffer.Write(DataPrefix);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        if (comment is not null)
        {
            buffer.Write("\n: "u8);
            System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, comment.AsSpan(), buffer);
        }

        buffer.Write(EventEnd);
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the closing <c>data: [DONE]</c> event.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Done, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
