namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Reads a <c>{"String": …}</c> or <c>{"Regex": …}</c> pattern.</summary>
internal static class PatternReader
{
    public static TextPattern Read(JsonField field)
    {
        if (field.Optional("String") is { } literal)
        {
            return new LiteralPattern(literal.String());
        }

        if (field.Optional("Regex") is { } regex)
        {
            try
            {
                return new RegexPattern(regex.String());
            }
            catch (ArgumentException e)
            {
                throw new TokenizerJsonException(field.Path, $"a regex .NET cannot run: {e.Message}");
            }
        }

        throw new TokenizerJsonException(field.Path, "must hold \"String\" or \"Regex\"");
    }

    public static SplitBehavior ReadBehavior(JsonField field) => field.String() switch
    {
        "Removed" => SplitBehavior.Removed,
        "Isolated" => SplitBehavior.Isolated,
        "MergedWithPrevious" => SplitBehavior.MergedWithPrevious,
        "MergedWithNext" => SplitBehavior.MergedWithNext,
        "Contiguous" => SplitBehavior.Contiguous,
        var other => throw new TokenizerJsonException(field.Path, $"unknown split behavior '{other}'"),
    };

    /// <summary>A Rust <c>char</c> field: exactly one code point.</summary>
    public static string ReadChar(JsonField field)
    {
        var text = field.String();
        return text.EnumerateRunes().Count() == 1 ? text : throw new TokenizerJsonException(field.Path, "must be a single character");
    }
}
