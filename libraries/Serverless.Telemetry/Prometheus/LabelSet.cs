using System.Globalization;
using System.Text;

namespace Serverless.Telemetry.Prometheus;

/// <summary>One series' labels, sorted by name, so the same tags in any order find the same series.</summary>
internal sealed class LabelSet : IEquatable<LabelSet>
{
    private readonly KeyValuePair<string, string>[] pairs;
    private readonly int hash;

    private LabelSet(KeyValuePair<string, string>[] pairs)
    {
        this.pairs = pairs;
        var hashCode = default(HashCode);
        foreach (var (name, value) in pairs)
        {
            hashCode.Add(name, StringComparer.Ordinal);
            hashCode.Add(value, StringComparer.Ordinal);
        }

        hash = hashCode.ToHashCode();
        Text = Format(pairs);
    }

    /// <summary>No labels.</summary>
    public static LabelSet Empty { get; } = new([]);

    /// <summary>The labels as Prometheus writes them between braces, without the braces: <c>a="1",b="2"</c>.</summary>
    public string Text { get; }

    /// <summary>The label set of a measurement's tags; tag names are made valid label names, values strings.</summary>
    public static LabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }

        var pairs = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            var value = tags[i].Value as string ?? Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty;
            pairs[i] = new(PrometheusText.LabelName(tags[i].Key), value);
        }

        // A handful of tags: insertion sort beats Array.Sort's set-up.
        for (var i = 1; i < pairs.Length; i++)
        {
            var current = pairs[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(pairs[j].Key, current.Key) > 0)
            {
                pairs[j + 1] = pairs[j];
                j--;
            }

            pairs[j + 1] = current;
        }

        return new LabelSet(pairs);
    }

    public bool Equals(LabelSet? other)
    {
        if (other is null || other.hash != hash || other.pairs.Length != pairs.Length)
        {
            return false;
        }

        for (var i = 0; i < pairs.Length; i++)
        {
            if (!string.Equals(pairs[i].Key, other.pairs[i].Key, StringComparison.Ordinal)
                || !string.Equals(pairs[i].Value, other.pairs[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode() => hash;

    private static string Format(KeyValuePair<string, string>[] pairs)
    {
        if (pairs.Length == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(name).Append("=\"");
            PrometheusText.AppendEscapedLabelValue(text, value);
            text.Append('"');
        }

        return text.ToString();
    }
}
