using System.Text;
using Microsoft.ML.Tokenizers;
using Serverless.Inference.Tokenization.HuggingFace;
using Serverless.ModelBuilder;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

/// <summary>
/// GPT-2's real 50,257-token vocabulary, written as a tokenizer.json by the model builder (merges recovered from the
/// tiktoken ranks, as llama-tiny's tokenizer is made), against ML.NET's tiktoken GPT-2.
/// </summary>
public sealed class Gpt2TiktokenEquivalenceTests
{
    private static readonly Lazy<HuggingFaceTokenizer> Converted = new(() => HuggingFaceTokenizer.Parse(Gpt2Json()));

    private static readonly string[] Samples =
    [
        "The quick brown fox jumps over the lazy dog. It's what we'd've done, isn't it? They'll say \"no\"; I'M SURE.",
        "def fibonacci(n: int) -> int:\n    if n < 2:\n        return n\n    return fibonacci(n - 1) + fibonacci(n - 2)\n\n\nprint([fibonacci(i) for i in range(20)])\n",
        "for (int i = 0; i < 10; ++i) { sum += a[i] * b[i]; } // dot product\r\n\t\t#include <stdio.h>",
        "Numbers: 3.14159, 2,718,281,828, 1e-9, 0xDEADBEEF, 1234567890123456789, -42, +7, 50%.",
        "Whitespace   runs\t\tand\n\n\n\nblank lines    \n   trailing   ",
        "Accents: naïve café résumé Ångström façade Zoë coöperate São Paulo Kraków Ελληνικά Русский язык",
        "CJK: 日本語のテキストです。中文文本测试，包括标点符号！한국어 텍스트도 있습니다.",
        "Emoji: 🙂👍🏽 family 👨‍👩‍👧 flags 🇯🇵🇫🇷 hearts ❤️💙 math 𝐀𝐁𝐂 ∑∫√∞ ≤ ≥ ≠",
        "URLs and markup: https://example.com/path?q=tokenizer&lang=en#top <div class=\"x\">Hello</div> **bold** _it_",
        "Mixed: GPT-2's BPE vs. SentencePiece — “smart quotes” ‘single’ … ellipsis – dash • bullet © ® ™ § ¶",
        string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet, consectetur adipiscing elit ", 20)),
        "\u0000\u0001 control \u007f and \u00a0 no-break \u2009 thin \u3000 ideographic spaces",
    ];

    [Fact]
    public void Encode_Gpt2VocabularyAsTokenizerJson_GivesTiktokensIds()
    {
        var tiktoken = TiktokenTokenizer.CreateForModel("gpt2");
        // Every sample, then all of them again in reverse order and upper case (Greek, Cyrillic and accents change too).
        var text = string.Join("\n", Samples) + "\n" + string.Join("\n", Samples.Reverse()).ToUpperInvariant();
        Assert.True(Encoding.UTF8.GetByteCount(text) > 3000);

        foreach (var sample in Samples.Append(text))
        {
            Assert.Equal(tiktoken.EncodeToIds(sample), Converted.Value.Encode(sample));
        }
    }

    [Fact]
    public void Encode_Gpt2VocabularyAsTokenizerJson_KnownIds()
    {
        Assert.Equal([15496, 995], Converted.Value.Encode("Hello world"));
        Assert.Equal([50256], Converted.Value.Encode("<|endoftext|>"));
        Assert.Equal(50257, Converted.Value.VocabSize);
    }

    [Fact]
    public void Decode_Gpt2VocabularyAsTokenizerJson_RoundTrips()
    {
        foreach (var sample in Samples)
        {
            Assert.Equal(sample, Converted.Value.Decode(Converted.Value.Encode(sample)));
        }
    }

    /// <summary>GPT-2's tokenizer.json as the model builder writes it.</summary>
    internal static string Gpt2Json()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gpt2-tokenizer-{Guid.NewGuid():N}.json");
        try
        {
            Gpt2TokenizerJson.WriteTo(path);
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
