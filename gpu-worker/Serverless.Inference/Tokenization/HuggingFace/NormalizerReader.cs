namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Reads tokenizer.json's "normalizer".</summary>
internal static class NormalizerReader
{
    public static Normalizer Read(JsonField field)
    {
        var type = field.TypeName();
        return type switch
        {
            "Sequence" => new SequenceNormalizer([.. field.Required("normalizers").Items().Select(Read)]),
            "NFC" => new UnicodeFormNormalizer(compose: true, compatibility: false),
            "NFD" => new UnicodeFormNormalizer(compose: false, compatibility: false),
            "NFKC" => new UnicodeFormNormalizer(compose: true, compatibility: true),
            "NFKD" => new UnicodeFormNormalizer(compose: false, compatibility: true),
            "Lowercase" => new LowercaseNormalizer(),
            "Prepend" => new PrependNormalizer(field.Required("prepend").String()),
            "Replace" => new ReplaceNormalizer(PatternReader.Read(field.Required("pattern")), field.Required("content").String()),
            "Strip" => new StripNormalizer(field.OptionalBool("strip_left", true), field.OptionalBool("strip_right", true)),
            "StripAccents" => new StripAccentsNormalizer(),
            "BertNormalizer" => ReadBert(field),
            "Nmt" => new NmtNormalizer(),
            "ByteLevel" => new ByteLevelNormalizer(),
            "Precompiled" => PrecompiledNormalizer.Read(field),
            _ => throw field.Unsupported(type),
        };
    }

    private static BertNormalizer ReadBert(JsonField field)
    {
        var lowercase = field.OptionalBool("lowercase", true);

        // strip_accents null means "as lowercase", as in the original BERT.
        return new BertNormalizer(
            field.OptionalBool("clean_text", true),
            field.OptionalBool("handle_chinese_chars", true),
            field.OptionalBool("strip_accents", lowercase),
            lowercase);
    }
}
