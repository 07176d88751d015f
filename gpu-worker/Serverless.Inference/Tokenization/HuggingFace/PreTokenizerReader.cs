namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Reads tokenizer.json's "pre_tokenizer".</summary>
internal static class PreTokenizerReader
{
    public static PreTokenizer Read(JsonField field)
    {
        var type = field.TypeName();
        return type switch
        {
            "Sequence" => new SequencePreTokenizer([.. field.Required("pretokenizers").Items().Select(Read)]),
            "ByteLevel" => new ByteLevelPreTokenizer(field.OptionalBool("add_prefix_space", true), field.OptionalBool("use_regex", true)),
            "Split" => new SplitPreTokenizer(
                PatternReader.Read(field.Required("pattern")),
                PatternReader.ReadBehavior(field.Required("behavior")),
                field.OptionalBool("invert", false)),
            "Metaspace" => new MetaspacePreTokenizer(
                PatternReader.ReadChar(field.Required("replacement")), ReadPrependScheme(field), field.OptionalBool("split", true)),
            "Whitespace" => new WhitespacePreTokenizer(),
            "WhitespaceSplit" => CharacterClassPreTokenizer.WhitespaceSplit,
            "BertPreTokenizer" => CharacterClassPreTokenizer.Bert,
            "Punctuation" => CharacterClassPreTokenizer.Punctuation(
                field.Optional("behavior") is { } behavior ? PatternReader.ReadBehavior(behavior) : SplitBehavior.Isolated),
            "Digits" => CharacterClassPreTokenizer.Digits(field.OptionalBool("individual_digits", false)),
            "CharDelimiterSplit" => CharacterClassPreTokenizer.Delimiter(PatternReader.ReadChar(field.Required("delimiter"))),
            _ => throw field.Unsupported(type),
        };
    }

    /// <summary>prepend_scheme, where the older add_prefix_space false means "never".</summary>
    public static PrependScheme ReadPrependScheme(JsonField field)
    {
        var scheme = field.Optional("prepend_scheme") is { } value
            ? value.String() switch
            {
                "always" => PrependScheme.Always,
                "first" => PrependScheme.First,
                "never" => PrependScheme.Never,
                var other => throw new TokenizerJsonException(value.Path, $"unknown prepend scheme '{other}'"),
            }
            : PrependScheme.Always;
        if (field.Optional("add_prefix_space") is { } addPrefixSpace && !addPrefixSpace.Bool())
        {
            return scheme == PrependScheme.Never || field.Optional("prepend_scheme") is null
                ? PrependScheme.Never
                : throw new TokenizerJsonException(addPrefixSpace.Path, "false does not match prepend_scheme");
        }

        return scheme;
    }
}
