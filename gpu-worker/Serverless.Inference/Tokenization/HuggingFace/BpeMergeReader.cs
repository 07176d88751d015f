using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Reads BPE "merges", as "a b" strings or ["a", "b"] pairs, into ranks keyed by pair of ids.</summary>
/// <remarks>
/// Llama 3 has 280,000 merges and Gemma 3 half a million, so the tokens are decoded from the document's UTF-8
/// into one reused buffer and looked up by span: no string is allocated per merge.
/// </remarks>
internal static class BpeMergeReader
{
    public static BpeMerges Read(JsonField merges, Vocabulary vocabulary, string? continuingSubwordPrefix)
    {
        var prefixLength = continuingSubwordPrefix?.Length ?? 0;
        var table = new Dictionary<long, (int Rank, int NewId)>(merges.Element.ValueKind == JsonValueKind.Array ? merges.Element.GetArrayLength() : 0);
        var chars = new char[256];
        var index = -1;
        var rank = 0;
        foreach (var merge in merges.Items())
        {
            index++;
            int leftLength, rightStart, rightLength;
            if (merge.Element.ValueKind == JsonValueKind.String)
            {
                var line = Decode(merge.Element, ref chars, 0);
                if (line.StartsWith("#version", StringComparison.Ordinal))
                {
                    // A legacy merges.txt header that slipped into the list; the Rust reader skips it without a rank.
                    continue;
                }

                leftLength = line.IndexOf(' ');
                if (leftLength < 0 || line[(leftLength + 1)..].Contains(' '))
                {
                    throw new TokenizerJsonException(merge.Path, "must be two tokens separated by one space");
                }

                (rightStart, rightLength) = (leftLength + 1, line.Length - leftLength - 1);
            }
            else if (merge.Element.ValueKind == JsonValueKind.Array && merge.Element.GetArrayLength() == 2 &&
                     merge.Element[0].ValueKind == JsonValueKind.String && merge.Element[1].ValueKind == JsonValueKind.String)
            {
                leftLength = Decode(merge.Element[0], ref chars, 0).Length;
                rightStart = leftLength;
                rightLength = Decode(merge.Element[1], ref chars, rightStart).Length;
            }
            else
            {
                throw new TokenizerJsonException(merge.Path, "must be a pair of tokens");
            }

            // The merged token is left + right without right's continuing-subword prefix, written after both.
            var skip = Math.Min(prefixLength, rightLength);
            var mergedStart = rightStart + rightLength;
            Grow(ref chars, mergedStart + leftLength + rightLength - skip);
            chars.AsSpan(0, leftLength).CopyTo(chars.AsSpan(mergedStart));
            chars.AsSpan(rightStart + skip, rightLength - skip).CopyTo(chars.AsSpan(mergedStart + leftLength));
            var left = IdOf(chars.AsSpan(0, leftLength), merge, vocabulary);
            var right = IdOf(chars.AsSpan(rightStart, rightLength), merge, vocabulary);
            table[BpeMerges.Key(left, right)] = (rank, IdOf(chars.AsSpan(mergedStart, leftLength + rightLength - skip), merge, vocabulary));
            rank++;
        }

        return new BpeMerges(table);
    }

    /// <summary>A JSON string's characters, written into <paramref name="chars"/> at <paramref name="at"/>.</summary>
    private static ReadOnlySpan<char> Decode(JsonElement element, ref char[] chars, int at)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        raw = raw[1..^1];
        if (raw.Contains((byte)'\\'))
        {
            // Escapes are rare in merges; let the JSON reader undo them.
            var text = element.GetString()!;
            Grow(ref chars, at + text.Length);
            text.CopyTo(chars.AsSpan(at));
            return chars.AsSpan(at, text.Length);
        }

        Grow(ref chars, at + raw.Length);
        var length = Encoding.UTF8.GetChars(raw, chars.AsSpan(at));
        return chars.AsSpan(at, length);
    }

    private static void Grow(ref char[] chars, int length)
    {
        if (chars.Length < length)
        {
            Array.Resize(ref chars, Math.Max(length, chars.Length * 2));
        }
    }

    private static int IdOf(ReadOnlySpan<char> token, JsonField merge, Vocabulary vocabulary) =>
        vocabulary.Spans.TryGetValue(token, out var id) ? id : throw new TokenizerJsonException(merge.Path, $"'{token}' is not in the vocabulary");
}
