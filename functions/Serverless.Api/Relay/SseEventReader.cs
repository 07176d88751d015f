using System.Text;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Relay;

/// <summary>
/// Splits the worker's event stream into events (at blank lines), taking out the worker's <c>: usage</c> comment
/// lines, which are for the gateway's billing and not for clients.
/// </summary>
internal sealed class SseEventReader(Stream source)
{
    private static readonly byte[] Boundary = "\n\n"u8.ToArray();
    private static readonly byte[] UsageLine = Encoding.ASCII.GetBytes(": " + UsageComment.Prefix);
    private byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async ValueTask<SseEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var index = buffer.AsSpan(start, end - start).IndexOf(Boundary);
            if (index >= 0)
            {
                var raw = buffer.AsSpan(start, index + Boundary.Length);
                start += index + Boundary.Length;
                return Parse(raw);
            }

            MakeRoom();
            var read = await source.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                if (end == start)
                {
                    return null;
                }

                var rest = Parse(buffer.AsSpan(start, end - start));
                start = end;
                return rest;
            }

            end += read;
        }
    }

    private void MakeRoom()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    private static SseEvent Parse(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf(UsageLine) < 0)
        {
            return new SseEvent(raw.ToArray(), null);
        }

        (int, int)? usage = null;
        var kept = new List<byte>(raw.Length);
        foreach (var range in raw.Split((byte)'\n'))
        {
            var line = raw[range];
            if (line.StartsWith(UsageLine))
            {
                var text = Encoding.ASCII.GetString(line[2..]);
                if (UsageComment.TryParse(text, out var prompt, out var completion))
                {
                    usage = (prompt, completion);
                }

                continue;
            }

            if (line.Length > 0)
            {
                kept.AddRange(line);
                kept.Add((byte)'\n');
            }
        }

        kept.Add((byte)'\n');
        return new SseEvent(kept.Count > 1 ? kept.ToArray() : ReadOnlyMemory<byte>.Empty, usage);
    }
}
