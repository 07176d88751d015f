namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>Token to id and back, read from a <c>{"token": id}</c> object.</summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> ids;
    private readonly Dictionary<int, string> tokens;

    public Vocabulary(JsonField vocab)
    {
        ids = new Dictionary<string, int>(vocab.Element.GetPropertyCount(), StringComparer.Ordinal);
        foreach (var (token, id) in vocab.Properties())
        {
            ids[token] = id.Int();
        }

        tokens = new Dictionary<int, string>(ids.Count);
        foreach (var (token, id) in ids)
        {
            tokens.TryAdd(id, token);
        }

        MaxId = ids.Count == 0 ? -1 : ids.Values.Max();
        Spans = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => ids.Count;

    public int MaxId { get; }

    /// <summary>Lookups by span, so that trying substrings allocates nothing.</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Spans { get; }

    public bool TryGetId(string token, out int id) => ids.TryGetValue(token, out id);

    public int? TokenToId(string token) => ids.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => tokens.GetValueOrDefault(id);

    /// <summary>The ids of SentencePiece's byte tokens "&lt;0x00&gt;" … "&lt;0xFF&gt;", -1 where one is missing.</summary>
    public int[] ByteTokenIds()
    {
        var byteIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            byteIds[b] = ids.TryGetValue($"<0x{b:X2}>", out var id) ? id : -1;
        }

        return byteIds;
    }
}
