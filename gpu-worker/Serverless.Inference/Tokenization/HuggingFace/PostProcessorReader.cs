namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Reads tokenizer.json's "post_processor" (its single-sequence part: this tokenizer encodes one text at a time).</summary>
internal static class PostProcessorReader
{
    private static readonly PostProcessor Nothing = new SequencePostProcessor([]);

    public static PostProcessor Read(JsonField field)
    {
        var type = field.TypeName();
        return type switch
        {
            "Sequence" => new SequencePostProcessor([.. field.Required("processors").Items().Select(Read)]),
            "ByteLevel" => Nothing,
            "TemplateProcessing" => ReadTemplate(field),
            "BertProcessing" or "RobertaProcessing" => new TemplatePostProcessor([[ReadIdOf(field.Required("cls"))], null, [ReadIdOf(field.Required("sep"))]]),
            _ => throw field.Unsupported(type),
        };
    }

    /// <summary>A ["token", id] pair.</summary>
    private static int ReadIdOf(JsonField pair)
    {
        var items = pair.Items().ToList();
        return items.Count == 2 ? items[1].Int() : throw new TokenizerJsonException(pair.Path, "must be [token, id]");
    }

    private static TemplatePostProcessor ReadTemplate(JsonField field)
    {
        var specialTokens = new Dictionary<string, int[]>(StringComparer.Ordinal);
        if (field.Optional("special_tokens") is { } map)
        {
            foreach (var (name, token) in map.Properties())
            {
                specialTokens[name] = [.. token.Required("ids").Items().Select(id => id.Int())];
            }
        }

        var single = field.Required("single");
        var template = new List<int[]?>();
        foreach (var piece in single.Items())
        {
            if (piece.Optional("Sequence") is { } sequence)
            {
                var id = sequence.Required("id");
                template.Add(id.String() == "A" ? null : throw new TokenizerJsonException(id.Path, "the single template can only hold sequence A"));
            }
            else if (piece.Optional("SpecialToken") is { } special)
            {
                var id = special.Required("id");
                template.Add(specialTokens.TryGetValue(id.String(), out var ids)
                    ? ids
                    : throw new TokenizerJsonException(id.Path, $"'{id.String()}' is not in special_tokens"));
            }
            else
            {
                throw new TokenizerJsonException(piece.Path, "must be a Sequence or a SpecialToken");
            }
        }

        return new TemplatePostProcessor(template);
    }
}
