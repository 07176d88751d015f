namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Reads tokenizer.json's "decoder".</summary>
internal static class DecoderReader
{
    public static Decoder Read(JsonField field)
    {
        var type = field.TypeName();
        return type switch
        {
            "Sequence" => new SequenceDecoder([.. field.Required("decoders").Items().Select(Read)]),
            "ByteLevel" => new ByteLevelDecoder(),
            "Metaspace" => new MetaspaceDecoder(PatternReader.ReadChar(field.Required("replacement")), PreTokenizerReader.ReadPrependScheme(field)),
            "WordPiece" => new WordPieceDecoder(field.OptionalString("prefix") ?? "##", field.OptionalBool("cleanup", true)),
            "Replace" => new ReplaceDecoder(PatternReader.Read(field.Required("pattern")), field.Required("content").String()),
            "ByteFallback" => new ByteFallbackDecoder(),
            "Fuse" => new FuseDecoder(),
            "Strip" => new StripDecoder(PatternReader.ReadChar(field.Required("content")), field.Required("start").Int(), field.Required("stop").Int()),
            "BPEDecoder" => new BpeDecoder(field.OptionalString("suffix") ?? "</w>"),
            _ => throw field.Unsupported(type),
        };
    }
}
