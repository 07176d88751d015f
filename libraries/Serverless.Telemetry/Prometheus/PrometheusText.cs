using System.Globalization;
using System.Text;

namespace Serverless.Telemetry.Prometheus;

/// <summary>The lexical rules of the Prometheus text format (version 0.0.4): names, escaping and numbers.</summary>
internal static class PrometheusText
{
    /// <summary>The content type of a scrape.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>A valid metric name: anything outside <c>[a-zA-Z0-9_:]</c> becomes <c>_</c>, and it never starts with a digit.</summary>
    public static string MetricName(string name) => Sanitize(name, allowColon: true);

    /// <summary>A valid label name: anything outside <c>[a-zA-Z0-9_]</c> becomes <c>_</c>, and it never starts with a digit.</summary>
    public static string LabelName(string name) => Sanitize(name, allowColon: false);

    /// <summary>A sample value: shortest round-trip form, and Prometheus' spellings of infinities and NaN.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Appends a label value with <c>\</c>, <c>"</c> and newlines escaped.</summary>
    public static void AppendEscapedLabelValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    /// <summary>Appends help text with <c>\</c> and newlines escaped (quotes are literal there).</summary>
    public static void AppendEscapedHelp(StringBuilder text, string help)
    {
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }
    }

    private static string Sanitize(string name, bool allowColon)
    {
        var valid = name.Length > 0 && !char.IsAsciiDigit(name[0]);
        foreach (var c in name)
        {
            valid &= IsNameChar(c, allowColon);
        }

        if (valid)
        {
            return name;
        }

        var chars = name.Select(c => IsNameChar(c, allowColon) ? c : '_').ToArray();
        var sanitized = new string(chars);
        return sanitized.Length == 0 || char.IsAsciiDigit(sanitized[0]) ? "_" + sanitized : sanitized;
    }

    private static bool IsNameChar(char c, bool allowColon) => char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
}
