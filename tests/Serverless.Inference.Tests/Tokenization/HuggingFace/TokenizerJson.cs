using System.Text.Json.Nodes;

namespace Serverless.Inference.Tests.Tokenization.HuggingFace;

/// <summary>Small tokenizer.json documents for tests, written the way the Rust library serializes them.</summary>
internal static class TokenizerJson
{
    /// <summary>The 256 byte-level stand-in characters, in byte order (so a byte's id is the byte).</summary>
    public static IEnumerable<string> ByteLevelAlphabet() => Gpt2ByteAlphabet.Build().Select(c => c.ToString());

    /// <summary>SentencePiece's byte tokens "&lt;0x00&gt;" … "&lt;0xFF&gt;".</summary>
    public static IEnumerable<string> ByteTokens() => Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>");

    /// <summary>A vocabulary object whose ids are the tokens' positions.</summary>
    public static JsonObject Vocab(IEnumerable<string> tokens)
    {
        var vocab = new JsonObject();
        var id = 0;
        foreach (var token in tokens)
        {
            vocab[token] = id++;
        }

        return vocab;
    }

    public static JsonObject Bpe(IEnumerable<string> tokens, IEnumerable<string> merges, string? unk = null, bool byteFallback = false, bool fuseUnk = false, bool ignoreMerges = false) => new()
    {
        ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = unk, ["continuing_subword_prefix"] = null, ["end_of_word_suffix"] = null,
        ["fuse_unk"] = fuseUnk, ["byte_fallback"] = byteFallback, ["ignore_merges"] = ignoreMerges,
        ["vocab"] = Vocab(tokens), ["merges"] = new JsonArray([.. merges.Select(m => (JsonNode)m)]),
    };

    public static JsonObject Added(int id, string content, bool special = true) => new()
    {
        ["id"] = id, ["content"] = content, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false,
        ["normalized"] = !special, ["special"] = special,
    };

    public static JsonObject ByteLevel(bool addPrefixSpace = false, bool useRegex = true) => new()
    {
        ["type"] = "ByteLevel", ["add_prefix_space"] = addPrefixSpace, ["trim_offsets"] = true, ["use_regex"] = useRegex,
    };

    /// <summary>TemplateProcessing that puts <paramref name="bos"/> before the sequence.</summary>
    public static JsonObject BosTemplate(string bos, int id) => new()
    {
        ["type"] = "TemplateProcessing",
        ["single"] = new JsonArray(
            new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = bos, ["type_id"] = 0 } },
            new JsonObject { ["Sequence"] = new JsonObject { ["id"] = "A", ["type_id"] = 0 } }),
        ["pair"] = new JsonArray(),
        ["special_tokens"] = new JsonObject { [bos] = new JsonObject { ["id"] = bos, ["ids"] = new JsonArray(id), ["tokens"] = new JsonArray(bos) } },
    };

    public static JsonObject Typed(string type, params (string Name, JsonNode? Value)[] fields)
    {
        var node = new JsonObject { ["type"] = type };
        foreach (var (name, value) in fields)
        {
            node[name] = value;
        }

        return node;
    }

    public static JsonObject Pattern(string kind, string value) => new() { [kind] = value };

    public static string Tokenizer(JsonObject model, JsonNode? normalizer = null, JsonNode? preTokenizer = null, JsonNode? postProcessor = null, JsonNode? decoder = null, params JsonObject[] added) => new JsonObject
    {
        ["version"] = "1.0",
        ["truncation"] = null,
        ["padding"] = null,
        ["added_tokens"] = new JsonArray([.. added]),
        ["normalizer"] = normalizer,
        ["pre_tokenizer"] = preTokenizer,
        ["post_processor"] = postProcessor,
        ["decoder"] = decoder,
        ["model"] = model,
    }.ToJsonString();
}
