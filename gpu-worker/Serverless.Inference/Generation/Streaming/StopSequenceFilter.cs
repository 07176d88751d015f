namespace Serverless.Inference.Generation.Streaming;

/// <summary>
/// Cuts the text stream right before the first stop sequence. Text that might still turn into a stop
/// sequence (a suffix that is a prefix of one) is held back until the next piece decides it.
/// </summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stopSequences)
{
    private readonly string[] stops = [.. stopSequences.Where(s => s.Length > 0)];
    private string held = string.Empty;

    public bool Stopped { get; private set; }

    /// <summary>The text that is now safe to emit; after a stop sequence, nothing more.</summary>
    public string Push(string text)
    {
        if (Stopped || text.Length == 0)
        {
            return string.Empty;
        }

        if (stops.Length == 0)
        {
            return text;
        }

        var pending = held + text;
        var cut = -1;
        foreach (var stop in stops)
        {
            var at = pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }

        if (cut >= 0)
        {
            Stopped = true;
            held = string.Empty;
            return pending[..cut];
        }

        var keep = LongestPossibleStopStart(pending);
        held = pending[^keep..];
        return pending[..^keep];
    }

    /// <summary>The held-back text, once no more is coming: it did not become a stop sequence.</summary>
    public string Flush()
    {
        var rest = held;
        held = string.Empty;
        return rest;
    }

    private int LongestPossibleStopStart(string text)
    {
        var longest = 0;
        foreach (var stop in stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
