namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"WordLevel": each word is one token, or unk.</summary>
internal sealed class WordLevelModel(Vocabulary vocabulary, string unkToken) : TokenizerModel
{
    public override int Count => vocabulary.Count;

    public override int MaxId => vocabulary.MaxId;

    public override void Tokenize(string word, List<int> ids) =>
        ids.Add(vocabulary.TryGetId(word, out var id) || vocabulary.TryGetId(unkToken, out id)
            ? id
            : throw new InvalidOperationException($"WordLevel has no token for '{word}' and its unk token '{unkToken}' is not in the vocabulary"));

    public override int? TokenToId(string token) => vocabulary.TokenToId(token);

    public override string? IdToToken(int id) => vocabulary.IdToToken(id);
}
