using System.Collections.Concurrent;
using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"Unigram": the segmentation with the highest total score (Viterbi), unknown characters fused into one unk or spelled as byte tokens.</summary>
internal sealed class UnigramModel : TokenizerModel
{
    /// <summary>SentencePiece scores an unknown character this far below the vocabulary's lowest score.</summary>
    private const double UnkPenalty = 10.0;
    private const int CacheCapacity = 10_000;

    private readonly string[] tokens;
    private readonly double[] scores;
    private readonly Dictionary<string, int> ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> spans;
    private readonly int? unkId;
    private readonly int[] byteIds;
    private readonly int longest;
    private readonly double unkScore;
    private readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);
    private int cachedWords;

    public UnigramModel(IReadOnlyList<(string Token, double Score)> vocabulary, int? unkId, bool byteFallback)
    {
        tokens = [.. vocabulary.Select(v => v.Token)];
        scores = [.. vocabulary.Select(v => v.Score)];
        ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[tokens[i]] = i;
        }

        spans = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        this.unkId = unkId;
        byteIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            byteIds[b] = byteFallback && ids.TryGetValue($"<0x{b:X2}>", out var id) ? id : -1;
        }

        longest = tokens.Length == 0 ? 0 : tokens.Max(t => t.Length);
        unkScore = (scores.Length == 0 ? 0 : scores.Min()) - UnkPenalty;
    }

    public override int Count => tokens.Length;

    public override int MaxId => tokens.Length - 1;

    public override void Tokenize(string word, List<int> output)
    {
        if (cache.TryGetValue(word, out var cached))
        {
            output.AddRange(cached);
            return;
        }

        var result = new List<int>();
        foreach (var piece in BestSegmentation(word))
        {
            if (ids.TryGetValue(piece, out var id))
            {
                result.Add(id);
            }
            else if (!TryAddBytes(piece, result))
            {
                result.Add(unkId ?? throw MissingUnk());
            }
        }

        if (Volatile.Read(ref cachedWords) < CacheCapacity && cache.TryAdd(word, [.. result]))
        {
            Interlocked.Increment(ref cachedWords);
        }

        output.AddRange(result);
    }

    public override int? TokenToId(string token) => ids.TryGetValue(token, out var id) ? id : null;

    public override string? IdToToken(int id) => id >= 0 && id < tokens.Length ? tokens[id] : null;

    /// <summary>The Rust <c>Unigram::encode_optimized</c>: best path by end position, ties to the shorter, earlier-found token.</summary>
    private List<string> BestSegmentation(string word)
    {
        var length = word.Length;
        var best = new double[length + 1];
        var startsAt = new int[length + 1];
        var nodeIds = new int[length + 1];
        Array.Fill(startsAt, -1);
        for (var start = 0; start < length;)
        {
            var baseScore = best[start];
            UnicodeChars.RuneAt(word, start, out var first);
            var hasSingle = false;
            for (var end = start + first; end <= length && end - start <= longest;)
            {
                if (spans.TryGetValue(word.AsSpan(start, end - start), out var id))
                {
                    Offer(end, start, id, scores[id] + baseScore);
                    hasSingle |= end - start == first;
                }

                if (end == length)
                {
                    break;
                }

                UnicodeChars.RuneAt(word, end, out var step);
                end += step;
            }

            if (!hasSingle)
            {
                Offer(start + first, start, unkId ?? throw MissingUnk(), unkScore + baseScore);
            }

            start += first;
        }

        var pieces = new List<string>();
        var fused = new StringBuilder();
        for (var end = length; end > 0;)
        {
            var start = startsAt[end];
            if (nodeIds[end] == unkId)
            {
                fused.Insert(0, word.AsSpan(start, end - start));
            }
            else
            {
                Flush();
                pieces.Add(word[start..end]);
            }

            end = start;
        }

        Flush();
        pieces.Reverse();
        return pieces;

        void Offer(int end, int start, int id, double score)
        {
            if (startsAt[end] < 0 || score > best[end])
            {
                best[end] = score;
                startsAt[end] = start;
                nodeIds[end] = id;
            }
        }

        void Flush()
        {
            if (fused.Length > 0)
            {
                pieces.Add(fused.ToString());
                fused.Clear();
            }
        }
    }

    private bool TryAddBytes(string piece, List<int> result)
    {
        var bytes = Encoding.UTF8.GetBytes(piece);
        if (bytes.Any(b => byteIds[b] < 0))
        {
            return false;
        }

        result.AddRange(bytes.Select(b => byteIds[b]));
        return true;
    }

    private static InvalidOperationException MissingUnk() =>
        new("the Unigram model has no unk_id but the text has a character outside its vocabulary");
}
