using System.Buffers;
using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// Finds added tokens in text, leftmost first and longest there, without overlaps, then applies their
/// single_word, lstrip and rstrip rules (the Rust <c>AddedVocabulary::find_matches</c>).
/// </summary>
internal sealed class AddedTokenMatcher
{
    private readonly Dictionary<char, (string Pattern, AddedToken Token)[]> byFirstChar;
    private readonly SearchValues<char> firstChars;

    /// <param name="patterns">Each token with the text it is matched as (its content, or its normalized content).</param>
    public AddedTokenMatcher(IEnumerable<(string Pattern, AddedToken Token)> patterns)
    {
        byFirstChar = patterns
            .Where(p => p.Pattern.Length > 0)
            .GroupBy(p => p.Pattern[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Pattern.Length).ToArray());
        firstChars = SearchValues.Create([.. byFirstChar.Keys]);
    }

    public bool IsEmpty => byFirstChar.Count == 0;

    /// <summary>The text cut into stretches, each either an added token (with its id) or plain text (id null); empty stretches are left out.</summary>
    public List<(int Start, int End, int? Id)> Split(string text)
    {
        var splits = new List<(int, int, int?)>();
        var done = 0;
        var searchFrom = 0;
        while (searchFrom < text.Length)
        {
            var relative = text.AsSpan(searchFrom).IndexOfAny(firstChars);
            if (relative < 0)
            {
                break;
            }

            var start = searchFrom + relative;
            var found = Longest(text, start);
            if (found is null)
            {
                searchFrom = start + 1;
                continue;
            }

            var (pattern, token) = found.Value;
            var stop = start + pattern.Length;

            // The search goes on after the match even when its rules turn it down, as the automaton's does.
            searchFrom = stop;
            if (start < done || (token.SingleWord && !IsSingleWord(text, start, stop)))
            {
                continue;
            }

            if (token.LStrip)
            {
                while (start > done && IsSpaceBefore(text, start, out var length))
                {
                    start -= length;
                }
            }

            if (token.RStrip)
            {
                while (stop < text.Length && UnicodeChars.IsWhiteSpace(UnicodeChars.RuneAt(text, stop, out var length)))
                {
                    stop += length;
                }
            }

            if (done < start)
            {
                splits.Add((done, start, null));
            }

            splits.Add((start, stop, token.Id));
            done = stop;
        }

        if (done < text.Length)
        {
            splits.Add((done, text.Length, null));
        }

        return splits;
    }

    private (string Pattern, AddedToken Token)? Longest(string text, int start)
    {
        foreach (var candidate in byFirstChar[text[start]])
        {
            if (text.AsSpan(start).StartsWith(candidate.Pattern, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The Rust regexes <c>\w$</c> before and <c>^\w</c> after: no word character touches the match.</summary>
    private static bool IsSingleWord(string text, int start, int stop)
    {
        var wordBefore = start > 0 && Rune.DecodeLastFromUtf16(text.AsSpan(0, start), out var before, out _) == OperationStatus.Done && UnicodeChars.IsWordCharacter(before);
        var wordAfter = stop < text.Length && UnicodeChars.IsWordCharacter(UnicodeChars.RuneAt(text, stop, out _));
        return !wordBefore && !wordAfter;
    }

    private static bool IsSpaceBefore(string text, int index, out int length)
    {
        length = 1;
        return Rune.DecodeLastFromUtf16(text.AsSpan(0, index), out var rune, out length) == OperationStatus.Done && UnicodeChars.IsWhiteSpace(rune);
    }
}
