using System.Text.Json;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Reads BPE "merges", as "a b" strings or ["a", "b"] pairs, into ranks keyed by pair of ids.</summary>
internal static class BpeMergeReader
{
    public static BpeMerges Read(JsonField merges, Vocabulary vocabulary, string? continuingSubwordPrefix)
    {
        var prefixLength = continuingSubwordPrefix?.Length ?? 0;
        var table = new Dictionary<long, (int Rank, int NewId)>(merges.Element.GetArrayLength());
        var buffer = new char[256];
        var rank = 0;
        foreach (var merge in merges.Items())
        {
            var (left, right) = Parts(merge);
            if (left is null)
            {
                // A legacy merges.txt header that slipped into the list; the Rust reader skips it without a rank.
                continue;
            }

            // The merged token is left + right without right's continuing-subword prefix; spans spare an allocation per merge.
            var rightRest = right.AsSpan(Math.Min(prefixLength, right.Length));
            if (buffer.Length < left.Length + rightRest.Length)
            {
                buffer = new char[left.Length + rightRest.Length];
            }

            left.CopyTo(buffer);
            rightRest.CopyTo(buffer.AsSpan(left.Length));
            var merged = buffer.AsSpan(0, left.Length + rightRest.Length);
            table[BpeMerges.Key(IdOf(left, merge, vocabulary), IdOf(right, merge, vocabulary))] = (rank, IdOf(merged, merge, vocabulary));
            rank++;
        }

        return new BpeMerges(table);
    }

    private static (string? Left, string Right) Parts(JsonField merge)
    {
        if (merge.Element.ValueKind == JsonValueKind.String)
        {
            var line = merge.Element.GetString()!;
            if (line.StartsWith("#version", StringComparison.Ordinal))
            {
                return (null, string.Empty);
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            return space >= 0 && line.IndexOf(' ', space + 1) < 0
                ? (line[..space], line[(space + 1)..])
                : throw new TokenizerJsonException(merge.Path, "must be two tokens separated by one space");
        }

        if (merge.Element.ValueKind == JsonValueKind.Array && merge.Element.GetArrayLength() == 2 &&
            merge.Element[0].ValueKind == JsonValueKind.String && merge.Element[1].ValueKind == JsonValueKind.String)
        {
            return (merge.Element[0].GetString()!, merge.Element[1].GetString()!);
        }

        throw new TokenizerJsonException(merge.Path, "must be a pair of tokens");
    }

    private static int IdOf(ReadOnlySpan<char> token, JsonField merge, Vocabulary vocabulary) =>
        vocabulary.Spans.TryGetValue(token, out var id) ? id : throw new TokenizerJsonException(merge.Path, $"'{token}' is not in the vocabulary");
}
