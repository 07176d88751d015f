using Serverless.ModelBuilder.Llama;

namespace Serverless.ModelBuilder;

/// <summary>GPT-2's own tokenizer (the tiktoken vocabulary gpt2-tiny uses) written as a Hugging Face <c>tokenizer.json</c>.</summary>
public static class Gpt2TokenizerJson
{
    /// <summary>GPT-2's &lt;|endoftext|&gt;, the one special token, after the 50,256 BPE tokens.</summary>
    public const int EndOfText = Gpt2Ranks.Count;

    /// <summary>Writes the file: GPT-2's ByteLevel pre-tokenizer and decoder, its BPE vocabulary and merges.</summary>
    public static void WriteTo(string path)
    {
        var tokens = Gpt2Ranks.Tokens();
        var merges = Gpt2Ranks.Merges(tokens);
        ByteLevelBpeJson.WriteJson(path, json =>
        {
            ByteLevelBpeJson.WriteHead(json, [("<|endoftext|>", EndOfText)]);
            ByteLevelBpeJson.WriteByteLevel(json, "pre_tokenizer", useRegex: true);
            ByteLevelBpeJson.WriteByteLevel(json, "post_processor", useRegex: true);
            ByteLevelBpeJson.WriteTail(json, tokens, merges, ignoreMerges: false);
        });
    }
}
