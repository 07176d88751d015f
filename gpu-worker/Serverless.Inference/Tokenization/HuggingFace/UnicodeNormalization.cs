using System.Collections.Frozen;
using System.Text;

namespace Serverless.Inference.Tokenization.HuggingFace;

/// <summary>
/// NFD, NFC, NFKD and NFKC without ICU: the worker builds with <c>InvariantGlobalization</c>, under which
/// <see cref="string.Normalize()"/> leaves non-ASCII text as it is.
/// </summary>
internal static partial class UnicodeNormalization
{
    private const int HangulBase = 0xAC00;
    private const int HangulCount = 11172;
    private const int LeadBase = 0x1100;
    private const int VowelBase = 0x1161;
    private const int TrailBase = 0x11A7;
    private const int LeadCount = 19;
    private const int VowelCount = 21;
    private const int TrailCount = 28;

    private static readonly FrozenDictionary<int, int[]> CanonicalMap = ReadDecompositions(Canonical);
    private static readonly FrozenDictionary<int, int[]> CompatibilityMap = ReadDecompositions(Compatibility);
    private static readonly FrozenDictionary<long, int> CompositionMap = ReadCompositions();

    public static string Decompose(string text, bool compatibility)
    {
        if (IsAscii(text))
        {
            return text;
        }

        var runes = new List<int>(text.Length + 8);
        AppendDecomposed(text, compatibility, runes);
        return ToText(runes);
    }

    public static string Compose(string text, bool compatibility)
    {
        if (IsAscii(text))
        {
            return text;
        }

        var runes = new List<int>(text.Length + 8);
        AppendDecomposed(text, compatibility, runes);
        ComposeInPlace(runes);
        return ToText(runes);
    }

    public static int CombiningClass(int codePoint)
    {
        if (codePoint < 0x300)
        {
            return 0;
        }

        var ranges = CombiningClasses;
        int low = 0, high = (ranges.Length / 3) - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (codePoint < ranges[3 * middle])
            {
                high = middle - 1;
            }
            else if (codePoint > ranges[(3 * middle) + 1])
            {
                low = middle + 1;
            }
            else
            {
                return ranges[(3 * middle) + 2];
            }
        }

        return 0;
    }

    private static bool IsAscii(string text) => Ascii.IsValid(text);

    private static void AppendDecomposed(string text, bool compatibility, List<int> runes)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            var offset = value - HangulBase;
            if (offset is >= 0 and < HangulCount)
            {
                // Hangul syllables decompose by rule (Unicode §3.12), not by table.
                runes.Add(LeadBase + (offset / (VowelCount * TrailCount)));
                runes.Add(VowelBase + (offset % (VowelCount * TrailCount) / TrailCount));
                if (offset % TrailCount != 0)
                {
                    runes.Add(TrailBase + (offset % TrailCount));
                }

                continue;
            }

            if ((compatibility && CompatibilityMap.TryGetValue(value, out var mapping)) || CanonicalMap.TryGetValue(value, out mapping))
            {
                foreach (var part in mapping)
                {
                    AppendOrdered(runes, part);
                }
            }
            else
            {
                AppendOrdered(runes, value);
            }
        }
    }

    /// <summary>Appends keeping the canonical order: a mark moves before marks of a higher combining class (a stable insertion sort).</summary>
    private static void AppendOrdered(List<int> runes, int value)
    {
        var combiningClass = CombiningClass(value);
        var at = runes.Count;
        if (combiningClass != 0)
        {
            while (at > 0 && CombiningClass(runes[at - 1]) is var previous && previous > combiningClass)
            {
                at--;
            }
        }

        runes.Insert(at, value);
    }

    /// <summary>The canonical composition algorithm (Unicode §3.11) over an NFD/NFKD sequence.</summary>
    private static void ComposeInPlace(List<int> runes)
    {
        if (runes.Count < 2)
        {
            return;
        }

        // A leading mark has no starter to join; 256 blocks it as in the standard's sample code.
        var starter = CombiningClass(runes[0]) == 0 ? 0 : -1;
        var lastClass = starter == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < runes.Count; read++)
        {
            var current = runes[read];
            var combiningClass = CombiningClass(current);
            if (starter >= 0 && (lastClass < combiningClass || lastClass == 0) && TryCompose(runes[starter], current, out var composite))
            {
                runes[starter] = composite;
                continue;
            }

            if (combiningClass == 0)
            {
                starter = write;
            }

            lastClass = combiningClass;
            runes[write++] = current;
        }

        runes.RemoveRange(write, runes.Count - write);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        var leadIndex = first - LeadBase;
        if (leadIndex is >= 0 and < LeadCount && second - VowelBase is >= 0 and < VowelCount)
        {
            composite = HangulBase + (((leadIndex * VowelCount) + (second - VowelBase)) * TrailCount);
            return true;
        }

        var syllable = first - HangulBase;
        if (syllable is >= 0 and < HangulCount && syllable % TrailCount == 0 && second - TrailBase is > 0 and < TrailCount)
        {
            composite = first + (second - TrailBase);
            return true;
        }

        return CompositionMap.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private static string ToText(List<int> runes)
    {
        var builder = new StringBuilder(runes.Count);
        foreach (var value in runes)
        {
            builder.Append(new Rune(value).ToString());
        }

        return builder.ToString();
    }

    private static FrozenDictionary<int, int[]> ReadDecompositions(string records)
    {
        var map = new Dictionary<int, int[]>();
        foreach (var record in records.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var runes = record.EnumerateRunes().Select(r => r.Value).ToArray();
            map[runes[0]] = runes[1..];
        }

        return map.ToFrozenDictionary();
    }

    private static FrozenDictionary<long, int> ReadCompositions()
    {
        var map = new Dictionary<long, int>();
        var runes = Compositions.EnumerateRunes().Select(r => r.Value).ToArray();
        for (var i = 0; i + 2 < runes.Length; i += 3)
        {
            map[((long)runes[i] << 21) | (uint)runes[i + 1]] = runes[i + 2];
        }

        return map.ToFrozenDictionary();
    }
}
