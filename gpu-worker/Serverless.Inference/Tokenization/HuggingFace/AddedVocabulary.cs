namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// The added tokens with the ids the Rust reader gives them: a token the model already has keeps the model's id,
/// any other takes the next id after the model's vocabulary, in file order (the "id" in the file is not read back).
/// </summary>
internal sealed class AddedVocabulary
{
    private readonly Dictionary<string, int> idsByContent = new(StringComparer.Ordinal);
    private readonly Dictionary<int, AddedToken> tokensById = [];
    private readonly Dictionary<int, string> normalizedContent = [];
    private readonly HashSet<string> specialContents = new(StringComparer.Ordinal);

    public AddedVocabulary(IEnumerable<AddedToken> tokens, TokenizerModel model, Normalizer? normalizer)
    {
        var nextId = model.Count;
        foreach (var token in tokens)
        {
            if (token.Content.Length == 0)
            {
                continue;
            }

            var id = idsByContent.TryGetValue(token.Content, out var known) ? known : model.TokenToId(token.Content) ?? nextId++;
            if (token.Normalized && normalizer?.Normalize(token.Content) is { } normalized && normalized != token.Content)
            {
                normalizedContent[id] = normalized;
            }

            idsByContent[token.Content] = id;
            if (token.Special)
            {
                specialContents.Add(token.Content);
            }

            tokensById[id] = token with { Id = id };
        }

        RawMatcher = new AddedTokenMatcher(tokensById.Values.Where(t => !t.Normalized).Select(t => (t.Content, t)));
        NormalizedMatcher = new AddedTokenMatcher(tokensById.Values.Where(t => t.Normalized).Select(t => (normalizedContent.GetValueOrDefault(t.Id, t.Content), t)));
        SpecialIds = tokensById.Values.Where(t => t.Special).Select(t => t.Id).ToHashSet();
        MaxId = tokensById.Count == 0 ? -1 : tokensById.Keys.Max();
    }

    /// <summary>Matches the tokens with normalized false, in the text as written.</summary>
    public AddedTokenMatcher RawMatcher { get; }

    /// <summary>Matches the tokens with normalized true, in normalized text, by their normalized content.</summary>
    public AddedTokenMatcher NormalizedMatcher { get; }

    public IReadOnlySet<int> SpecialIds { get; }

    public int MaxId { get; }

    public int? TokenToId(string content) => idsByContent.TryGetValue(content, out var id) ? id : null;

    /// <summary>The string decoding starts from: the normalized content where normalization changed it (so that a decoder can undo it).</summary>
    public string? IdToToken(int id) =>
        normalizedContent.TryGetValue(id, out var normalized) ? normalized : tokensById.GetValueOrDefault(id)?.Content;

    public bool IsSpecial(string token) => specialContents.Contains(token);
}
