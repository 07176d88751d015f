namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Reads BPE "merges", as "a b" strings or ["a", "b"] pairs, into ranks keyed by pair of ids.</summary>
internal static class BpeMergeReader
{
    public static BpeMerges Read(JsonField merges, Vocabulary vocabulary, string? continuingSubwordPrefix)
    {
        var prefixLength = continuingSubwordPrefix?.Length ?? 0;
        var table = new Dictionary<long, (int Rank, int NewId)>(merges.Element.GetArrayLength());
        var rank = 0;
        foreach (var merge in merges.Items())
        {
            var (left, right) = Parts(merge);
            if (left is null)
            {
                // A legacy merges.txt header that slipped into the list; the Rust reader skips it without a rank.
                continue;
            }

            // The merged token is left + right without right's continuing-subword prefix.
            var merged = string.Concat(left, right.AsSpan(Math.Min(prefixLength, right.Length)));
            table[BpeMerges.Key(IdOf(left, merge, vocabulary), IdOf(right, merge, vocabulary))] = (rank, IdOf(merged, merge, vocabulary));
            rank++;
        }

        return new BpeMerges(table);
    }

    private static (string? Left, string Right) Parts(JsonField merge)
    {
        if (merge.Element.ValueKind == System.Text.Json.JsonValueKind.String)
        {
            var line = merge.String();
            if (line.StartsWith("#version", StringComparison.Ordinal))
            {
                return (null, string.Empty);
            }

            var parts = line.Split(' ');
            return parts.Length == 2 ? (parts[0], parts[1]) : throw new TokenizerJsonException(merge.Path, "must be two tokens separated by one space");
        }

        var pair = merge.Items().ToList();
        return pair.Count == 2 ? (pair[0].String(), pair[1].String()) : throw new TokenizerJsonException(merge.Path, "must be a pair of tokens");
    }

    private static int IdOf(string token, JsonField merge, Vocabulary vocabulary) =>
        vocabulary.TryGetId(token, out var id) ? id : throw new TokenizerJsonException(merge.Path, $"'{token}' is not in the vocabulary");
}
