namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"WordPiece": greedy longest-match-first, later pieces carrying the prefix ("##"); a word with any unmatched rest is one unk.</summary>
internal sealed class WordPieceModel(Vocabulary vocabulary, int unkId, string continuingSubwordPrefix, int maxInputCharsPerWord) : TokenizerModel
{
    public override int Count => vocabulary.Count;

    public override int MaxId => vocabulary.MaxId;

    public override void Tokenize(string word, List<int> ids)
    {
        if (word.EnumerateRunes().Count() > maxInputCharsPerWord)
        {
            ids.Add(unkId);
            return;
        }

        var pieces = new List<int>();
        var candidate = new System.Text.StringBuilder(continuingSubwordPrefix.Length + word.Length);
        for (var start = 0; start < word.Length;)
        {
            var end = word.Length;
            var found = -1;
            while (start < end)
            {
                candidate.Clear();
                if (start > 0)
                {
                    candidate.Append(continuingSubwordPrefix);
                }

                candidate.Append(word, start, end - start);
                if (vocabulary.TryGetId(candidate.ToString(), out var id))
                {
                    found = id;
                    break;
                }

                // Shorten by one whole character.
                end -= char.IsLowSurrogate(word[end - 1]) && end - 2 >= start && char.IsHighSurrogate(word[end - 2]) ? 2 : 1;
            }

            if (found < 0)
            {
                ids.Add(unkId);
                return;
            }

            pieces.Add(found);
            start = end;
        }

        ids.AddRange(pieces);
    }

    public override int? TokenToId(string token) => vocabulary.TokenToId(token);

    public override string? IdToToken(int id) => vocabulary.IdToToken(id);
}
