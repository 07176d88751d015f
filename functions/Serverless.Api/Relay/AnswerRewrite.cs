using System.Text;
using System.Text.Json.Nodes;

namespace Serverless.Api.Relay;

/// <summary>
/// Changes an upstream's answer on its way to the client: the <c>model</c> field becomes the public model that served
/// (the upstream knows it by another name), and a stream's usage chunk, asked for only so the call can be billed,
/// is read and held back when the client did not ask for it.
/// </summary>
public sealed class AnswerRewrite(string publicModel, bool keepUsageChunk)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();

    /// <summary>A whole JSON answer with its <c>model</c> replaced; the body unchanged when it is not a JSON object.</summary>
    public byte[] Whole(byte[] body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject answer && answer.ContainsKey("model"))
            {
                answer["model"] = publicModel;
                return Encoding.UTF8.GetBytes(answer.ToJsonString());
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: relayed as it came; the caller decides what an unreadable answer is worth.
        }

        return body;
    }

    /// <summary>One stream event rewritten, and the usage its chunk reported (OpenAI's <c>usage</c> field), if any.</summary>
    public (ReadOnlyMemory<byte> Bytes, (int Prompt, int Completion)? Usage) Event(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        if (!span.StartsWith(DataPrefix))
        {
            return (bytes, null);
        }

        var payload = span[DataPrefix.Length..].TrimEnd("\r\n"u8);
        if (payload.IsEmpty || payload[0] != (byte)'{')
        {
            return (bytes, null); // [DONE], or an event that is not a chunk
        }

        JsonObject chunk;
        try
        {
            if (JsonNode.Parse(payload) is not JsonObject parsed)
            {
                return (bytes, null);
            }

            chunk = parsed;
        }
        catch (System.Text.Json.JsonException)
        {
            return (bytes, null);
        }

        (int, int)? usage = null;
        if (chunk["usage"] is JsonObject used)
        {
            usage = ((int?)used["prompt_tokens"] ?? 0, (int?)used["completion_tokens"] ?? 0);
            if (!keepUsageChunk && chunk["choices"] is JsonArray { Count: 0 })
            {
                return (ReadOnlyMemory<byte>.Empty, usage);
            }
        }

        if (chunk.ContainsKey("model"))
        {
            chunk["model"] = publicModel;
        }

        return (Encoding.UTF8.GetBytes("data: " + chunk.ToJsonString() + "\n\n"), usage);
    }
}
