using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;

namespace Serverless.Api.Caching;

/// <summary>
/// The bytes a <see cref="CachedAnswer"/> is kept as, in memory and in Redis: a version, the two token counts, the
/// model and deployment as length-prefixed UTF-8, then the body as it was sent. An entry it cannot read is a miss.
/// </summary>
internal sealed class CachedAnswerSerializer : IHybridCacheSerializer<CachedAnswer>
{
    private const byte Version = 1;
    private const int HeaderBytes = 1 + 4 + 4;

    public CachedAnswer Deserialize(ReadOnlySequence<byte> source)
    {
        var bytes = source.IsSingleSegment ? source.FirstSpan : source.ToArray();
        if (bytes.Length < HeaderBytes || bytes[0] != Version)
        {
            throw new InvalidDataException("Not a cached answer of this version.");
        }

        var prompt = BinaryPrimitives.ReadInt32LittleEndian(bytes[1..]);
        var completion = BinaryPrimitives.ReadInt32LittleEndian(bytes[5..]);
        var rest = bytes[HeaderBytes..];
        var model = ReadString(ref rest) ?? throw new InvalidDataException("A cached answer names its model.");
        var servedBy = ReadString(ref rest);
        return new CachedAnswer(model, servedBy, prompt, completion, rest.ToArray());
    }

    public void Serialize(CachedAnswer value, IBufferWriter<byte> target)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(target);
        var header = target.GetSpan(HeaderBytes);
        header[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], value.PromptTokens);
        BinaryPrimitives.WriteInt32LittleEndian(header[5..], value.CompletionTokens);
        target.Advance(HeaderBytes);
        WriteString(target, value.Model);
        WriteString(target, value.ServedBy);
        target.Write(value.Body);
    }

    /// <summary>A length-prefixed string; -1 is null.</summary>
    private static void WriteString(IBufferWriter<byte> target, string? value)
    {
        var length = value is null ? -1 : Encoding.UTF8.GetByteCount(value);
        var span = target.GetSpan(4 + Math.Max(0, length));
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        if (value is not null)
        {
            Encoding.UTF8.GetBytes(value, span[4..]);
        }

        target.Advance(4 + Math.Max(0, length));
    }

    private static string? ReadString(ref ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
        {
            throw new InvalidDataException("A cached answer ends early.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        bytes = bytes[4..];
        if (length < 0)
        {
            return null;
        }

        if (length > bytes.Length)
        {
            throw new InvalidDataException("A cached answer ends early.");
        }

        var value = Encoding.UTF8.GetString(bytes[..length]);
        bytes = bytes[length..];
        return value;
    }
}
