using System.Collections.Concurrent;
using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>"BPE": characters (or their byte tokens, or unk) merged pair by pair in merge-rank order.</summary>
internal sealed class BpeModel(Vocabulary vocabulary, BpeMerges merges, BpeOptions options) : TokenizerModel
{
    /// <summary>The Rust side's cache bounds: 10,000 words, each under 256 bytes.</summary>
    private const int CacheCapacity = 10_000;
    private const int CacheableLength = 256;

    private readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);
    private readonly int[] byteIds = options.ByteFallback ? vocabulary.ByteTokenIds() : [];
    private int cachedWords;
    private readonly int unkId = options.UnkToken is null ? -1 : vocabulary.TryGetId(options.UnkToken, out var id) ? id : -1;

    public override int Count => vocabulary.Count;

    public override int MaxId => vocabulary.MaxId;

    public override void Tokenize(string word, List<int> ids)
    {
        // Llama 3 (ignore_merges): a word that is itself a token is taken whole, whatever the merges would make of it.
        if (options.IgnoreMerges && vocabulary.TryGetId(word, out var whole))
        {
            ids.Add(whole);
            return;
        }

        if (cache.TryGetValue(word, out var cached))
        {
            ids.AddRange(cached);
            return;
        }

        var symbols = Symbols(word);
        merges.MergeAll(symbols);
        // ConcurrentDictionary.Count takes every lock, so the words cached are counted here.
        if (word.Length < CacheableLength && Volatile.Read(ref cachedWords) < CacheCapacity && cache.TryAdd(word, [.. symbols]))
        {
            Interlocked.Increment(ref cachedWords);
        }

        ids.AddRange(symbols);
    }

    public override int? TokenToId(string token) => vocabulary.TokenToId(token);

    public override string? IdToToken(int id) => vocabulary.IdToToken(id);

    /// <summary>The word's characters as ids before any merge (the Rust <c>BPE::merge_word</c>, quirks included).</summary>
    private List<int> Symbols(string word)
    {
        var symbols = new List<int>(word.Length);
        var pendingUnk = -1;
        for (var i = 0; i < word.Length;)
        {
            UnicodeChars.RuneAt(word, i, out var length);
            var isFirst = i == 0;
            var isLast = i + length == word.Length;
            var piece = word.Substring(i, length);
            i += length;
            if (!isFirst && options.ContinuingSubwordPrefix is { } prefix)
            {
                piece = prefix + piece;
            }

            if (isLast && options.EndOfWordSuffix is { } suffix)
            {
                piece += suffix;
            }

            if (vocabulary.TryGetId(piece, out var id))
            {
                if (pendingUnk >= 0)
                {
                    symbols.Add(unkId);
                    pendingUnk = -1;
                }

                symbols.Add(id);
                continue;
            }

            // Byte tokens go in without flushing a pending unk first, as the Rust code does.
            if (options.ByteFallback && TryAddBytes(piece, symbols))
            {
                continue;
            }

            if (unkId >= 0)
            {
                if (pendingUnk >= 0 && !options.FuseUnk)
                {
                    symbols.Add(unkId);
                }

                pendingUnk = unkId;
            }
        }

        if (pendingUnk >= 0)
        {
            symbols.Add(unkId);
        }

        return symbols;
    }

    private bool TryAddBytes(string piece, List<int> symbols)
    {
        var bytes = Encoding.UTF8.GetBytes(piece);
        foreach (var b in bytes)
        {
            if (byteIds[b] < 0)
            {
                return false;
            }
        }

        foreach (var b in bytes)
        {
            symbols.Add(byteIds[b]);
        }

        return true;
    }
}
