using System.Text.Json;

namespace Serverless.ModelBuilder.Llama;

/// <summary>The parts of a byte-level BPE <c>tokenizer.json</c> that GPT-2 and Llama 3 style files share.</summary>
internal static class ByteLevelBpeJson
{
    public static void WriteJson(string path, Action<Utf8JsonWriter> write)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        write(json);
        json.WriteEndObject();
    }

    /// <summary>The version, the special tokens (never normalized, matched before anything else) and no normalizer.</summary>
    public static void WriteHead(Utf8JsonWriter json, IReadOnlyList<(string Content, int Id)> specials)
    {
        json.WriteString("version", "1.0");
        json.WriteStartArray("added_tokens");
        foreach (var (content, id) in specials)
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteString("content", content);
            json.WriteBoolean("single_word", false);
            json.WriteBoolean("lstrip", false);
            json.WriteBoolean("rstrip", false);
            json.WriteBoolean("normalized", false);
            json.WriteBoolean("special", true);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNull("normalizer");
    }

    /// <summary>The byte-level decoder and the BPE model: tokens (id = rank) and merges in rank order.</summary>
    public static void WriteTail(Utf8JsonWriter json, string[] tokens, IReadOnlyList<(string Left, string Right)> merges, bool ignoreMerges)
    {
        WriteByteLevel(json, "decoder", useRegex: true);
        json.WriteStartObject("model");
        json.WriteString("type", "BPE");
        json.WriteNull("unk_token");
        json.WriteBoolean("fuse_unk", false);
        json.WriteBoolean("byte_fallback", false);
        json.WriteBoolean("ignore_merges", ignoreMerges);
        json.WriteStartObject("vocab");
        for (var id = 0; id < tokens.Length; id++)
        {
            json.WriteNumber(tokens[id], id);
        }

        json.WriteEndObject();
        json.WriteStartArray("merges");
        foreach (var (left, right) in merges)
        {
            json.WriteStartArray();
            json.WriteStringValue(left);
            json.WriteStringValue(right);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A ByteLevel component; <paramref name="useRegex"/> applies GPT-2's own split pattern.</summary>
    public static void WriteByteLevel(Utf8JsonWriter json, string? property, bool useRegex)
    {
        if (property is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(property);
        }

        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", false);
        json.WriteBoolean("trim_offsets", true);
        json.WriteBoolean("use_regex", useRegex);
        json.WriteEndObject();
    }
}
