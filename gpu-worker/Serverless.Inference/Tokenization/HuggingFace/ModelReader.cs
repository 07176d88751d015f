namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Reads tokenizer.json's "model".</summary>
internal static class ModelReader
{
    public static TokenizerModel Read(JsonField field)
    {
        var type = field.Optional("type")?.String() ?? Infer(field);
        return type switch
        {
            "BPE" => ReadBpe(field),
            "WordPiece" => ReadWordPiece(field),
            "WordLevel" => new WordLevelModel(new Vocabulary(field.Required("vocab")), field.OptionalString("unk_token") ?? "<unk>"),
            "Unigram" => ReadUnigram(field),
            _ => throw field.Unsupported(type),
        };
    }

    /// <summary>Files from before models carried a "type" are told apart by their fields, as the Rust reader does.</summary>
    private static string Infer(JsonField field) =>
        field.Optional("merges") is not null ? "BPE"
        : field.Optional("vocab") is { Element.ValueKind: System.Text.Json.JsonValueKind.Array } ? "Unigram"
        : field.Optional("vocab") is not null ? "WordPiece"
        : throw new TokenizerJsonException(field.Path.Length == 0 ? "type" : $"{field.Path}.type", "is missing");

    private static BpeModel ReadBpe(JsonField field)
    {
        if (field.Optional("dropout") is { } dropout && dropout.Double() > 0)
        {
            throw new TokenizerJsonException(dropout.Path, "BPE dropout is random and has no place in inference");
        }

        var vocabulary = new Vocabulary(field.Required("vocab"));
        var options = new BpeOptions(
            field.OptionalString("unk_token"),
            field.OptionalString("continuing_subword_prefix"),
            field.OptionalString("end_of_word_suffix"),
            field.OptionalBool("fuse_unk", false),
            field.OptionalBool("byte_fallback", false),
            field.OptionalBool("ignore_merges", false));
        if (options.UnkToken is { } unk && !vocabulary.TryGetId(unk, out _))
        {
            throw new TokenizerJsonException($"{field.Path}.unk_token", $"'{unk}' is not in the vocabulary");
        }

        return new BpeModel(vocabulary, BpeMergeReader.Read(field.Required("merges"), vocabulary, options.ContinuingSubwordPrefix), options);
    }

    private static WordPieceModel ReadWordPiece(JsonField field)
    {
        var vocabulary = new Vocabulary(field.Required("vocab"));
        var unk = field.OptionalString("unk_token") ?? "[UNK]";
        return new WordPieceModel(
            vocabulary,
            vocabulary.TryGetId(unk, out var unkId) ? unkId : throw new TokenizerJsonException($"{field.Path}.unk_token", $"'{unk}' is not in the vocabulary"),
            field.OptionalString("continuing_subword_prefix") ?? "##",
            field.Optional("max_input_chars_per_word")?.Int() ?? 100);
    }

    private static UnigramModel ReadUnigram(JsonField field)
    {
        var vocab = new List<(string, double)>();
        foreach (var entry in field.Required("vocab").Items())
        {
            var pair = entry.Items().ToList();
            vocab.Add(pair.Count == 2 ? (pair[0].String(), pair[1].Double()) : throw new TokenizerJsonException(entry.Path, "must be [token, score]"));
        }

        var unkId = field.Optional("unk_id") is { } unk ? unk.Int() : (int?)null;
        if (unkId is { } id && (id < 0 || id >= vocab.Count))
        {
            throw new TokenizerJsonException($"{field.Path}.unk_id", $"{id} is outside the vocabulary");
        }

        return new UnigramModel(vocab, unkId, field.OptionalBool("byte_fallback", false));
    }
}
