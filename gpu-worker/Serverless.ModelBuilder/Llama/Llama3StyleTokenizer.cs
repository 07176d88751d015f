using System.Text.Json;
using Serverless.ModelBuilder.Llama;

namespace Serverless.ModelBuilder;

/// <summary>
/// Writes a Llama 3 style <c>tokenizer.json</c> and <c>tokenizer_config.json</c>: byte-level BPE over GPT-2's
/// 50,256 tokens, Llama 3's pre-tokenizer pattern and its special tokens after them, BOS added by the post
/// processor, and a Llama 3 style chat template.
/// </summary>
public static class Llama3StyleTokenizer
{
    /// <summary>The BPE tokens and the special tokens after them.</summary>
    public const int VocabSize = Gpt2Ranks.Count + 5;

    public const string BeginOfText = "<|begin_of_text|>";
    public const string EndOfText = "<|end_of_text|>";
    public const string StartHeader = "<|start_header_id|>";
    public const string EndHeader = "<|end_header_id|>";
    public const string EndOfTurn = "<|eot_id|>";

    /// <summary>Llama 3's split: contractions, letter runs, digits in threes, punctuation runs and whitespace.</summary>
    internal const string Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Each header names the speaker; each turn ends with &lt;|eot_id|&gt;.</summary>
    internal const string ChatTemplate = """
        {{- bos_token }}
        {%- for message in messages %}
            {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}
        {%- endfor %}
        {%- if add_generation_prompt %}
            {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
        {%- endif %}
        """;

    private static readonly string[] Specials = [BeginOfText, EndOfText, StartHeader, EndHeader, EndOfTurn];

    /// <summary>The id of a special token.</summary>
    public static int IdOf(string special) => Gpt2Ranks.Count + Array.IndexOf(Specials, special);

    /// <summary>Writes both files into <paramref name="folder"/>.</summary>
    public static void WriteTo(string folder, int contextLength)
    {
        var tokens = Gpt2Ranks.Tokens();
        ByteLevelBpeJson.WriteJson(Path.Combine(folder, "tokenizer.json"), json => WriteTokenizer(json, tokens, Gpt2Ranks.Merges(tokens)));
        ByteLevelBpeJson.WriteJson(Path.Combine(folder, "tokenizer_config.json"), json => WriteConfig(json, contextLength));
    }

    private static void WriteTokenizer(Utf8JsonWriter json, string[] tokens, IReadOnlyList<(string Left, string Right)> merges)
    {
        ByteLevelBpeJson.WriteHead(json, [.. Specials.Select(s => (s, IdOf(s)))]);
        WritePreTokenizer(json);
        WritePostProcessor(json);
        ByteLevelBpeJson.WriteTail(json, tokens, merges, ignoreMerges: true);
    }

    private static void WritePreTokenizer(Utf8JsonWriter json)
    {
        json.WriteStartObject("pre_tokenizer");
        json.WriteString("type", "Sequence");
        json.WriteStartArray("pretokenizers");
        json.WriteStartObject();
        json.WriteString("type", "Split");
        json.WriteStartObject("pattern");
        json.WriteString("Regex", Pattern);
        json.WriteEndObject();
        json.WriteString("behavior", "Isolated");
        json.WriteBoolean("invert", false);
        json.WriteEndObject();
        ByteLevelBpeJson.WriteByteLevel(json, property: null, useRegex: false);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>BOS before every encoded text, as Llama 3's TemplateProcessing does.</summary>
    private static void WritePostProcessor(Utf8JsonWriter json)
    {
        json.WriteStartObject("post_processor");
        json.WriteString("type", "TemplateProcessing");
        json.WriteStartArray("single");
        json.WriteStartObject();
        json.WriteStartObject("SpecialToken");
        json.WriteString("id", BeginOfText);
        json.WriteNumber("type_id", 0);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteStartObject("Sequence");
        json.WriteString("id", "A");
        json.WriteNumber("type_id", 0);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("special_tokens");
        json.WriteStartObject(BeginOfText);
        json.WriteString("id", BeginOfText);
        json.WriteStartArray("ids");
        json.WriteNumberValue(IdOf(BeginOfText));
        json.WriteEndArray();
        json.WriteStartArray("tokens");
        json.WriteStringValue(BeginOfText);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteConfig(Utf8JsonWriter json, int contextLength)
    {
        json.WriteBoolean("add_bos_token", true);
        json.WriteString("bos_token", BeginOfText);
        json.WriteString("eos_token", EndOfTurn);
        json.WriteNumber("model_max_length", contextLength);
        json.WriteString("tokenizer_class", "PreTrainedTokenizerFast");
        json.WriteStartObject("added_tokens_decoder");
        foreach (var special in Specials)
        {
            json.WriteStartObject(IdOf(special).ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("content", special);
            json.WriteBoolean("special", true);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteString("chat_template", ChatTemplate);
    }
}
