using System.Globalization;

namespace Serverless.OpenAI.Http;

/// <summary>
/// The SSE comment the worker adds to each streamed event: <c>: usage {prompt} {completion}</c>, the tokens so far.
/// The gateway bills a stream the client abandons from the last one it delivered, and strips these lines.
/// </summary>
public static class UsageComment
{
    /// <summary>The comment's prefix, as it appears on the wire after <c>": "</c>.</summary>
    public const string Prefix = "usage ";

    /// <summary>The comment text for the counts so far.</summary>
    public static string Format(int promptTokens, int completionTokens) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{promptTokens} {completionTokens}");

    /// <summary>Parses a comment line's text (after <c>": "</c>).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int promptTokens, out int completionTokens)
    {
        promptTokens = completionTokens = 0;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[Prefix.Length..];
        var space = rest.IndexOf(' ');
        return space > 0
            && int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out promptTokens)
            && int.TryParse(rest[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out completionTokens);
    }
}
