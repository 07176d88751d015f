using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Worker.Generation.Tools;

/// <summary>
/// Reads forced tool calls as they are generated. The grammar makes the output <c>{"name": …, "arguments": {…}}</c>
/// or an array of those, so each call's name is known as soon as its arguments open, and the arguments can stream as
/// they come (as OpenAI streams them) instead of waiting for the end. A cut-off output leaves its last call's
/// arguments unfinished, as OpenAI's do when max_tokens ends a call.
/// </summary>
internal sealed partial class ForcedCallReader
{
    private readonly StringBuilder header = new();
    private readonly List<(string Name, StringBuilder Arguments)> calls = [];
    private Phase phase = Phase.BetweenCalls;
    private int depth;
    private bool inString;
    private bool escaped;

    private enum Phase
    {
        BetweenCalls,
        Header,
        Arguments,
        AfterArguments,
    }

    /// <summary>The calls read so far, arguments as far as they have come.</summary>
    public IReadOnlyList<ParsedToolCall> Calls => [.. calls.Select(c => new ParsedToolCall(c.Name, c.Arguments.ToString()))];

    /// <summary>Reads more output; yields what it adds: a call opened (its index and name) or more of a call's arguments.</summary>
    public IReadOnlyList<(int Index, string? Name, string Arguments)> Push(string text)
    {
        var added = new List<(int Index, string? Name, string Arguments)>();
        var fragment = new StringBuilder();
        foreach (var c in text)
        {
            switch (phase)
            {
                case Phase.BetweenCalls when c == '{':
                    header.Clear().Append(c);
                    phase = Phase.Header;
                    break;
                case Phase.Header:
                    header.Append(c);
                    if (Header().Match(header.ToString()) is { Success: true } match)
                    {
                        calls.Add((match.Groups[1].Value, new StringBuilder()));
                        added.Add((calls.Count - 1, match.Groups[1].Value, string.Empty));
                        phase = Phase.Arguments;
                        ReadArgument(c, fragment);
                    }

                    break;
                case Phase.Arguments:
                    ReadArgument(c, fragment);
                    break;
                case Phase.AfterArguments when c == '}':
                    phase = Phase.BetweenCalls;
                    break;
            }

            if (phase != Phase.Arguments && fragment.Length > 0)
            {
                Flush(fragment, added);
            }
        }

        Flush(fragment, added);
        return added;
    }

    private void ReadArgument(char c, StringBuilder fragment)
    {
        fragment.Append(c);
        if (inString)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else
            {
                inString = c != '"';
            }

            return;
        }

        switch (c)
        {
            case '"':
                inString = true;
                break;
            case '{' or '[':
                depth++;
                break;
            case '}' or ']':
                depth--;
                if (depth == 0)
                {
                    phase = Phase.AfterArguments;
                }

                break;
        }
    }

    private void Flush(StringBuilder fragment, List<(int, string?, string)> added)
    {
        if (fragment.Length == 0)
        {
            return;
        }

        calls[^1].Arguments.Append(fragment);
        added.Add((calls.Count - 1, null, fragment.ToString()));
        fragment.Clear();
    }

    /// <summary>A call's opening up to the first character of its arguments (the grammar writes the name first).</summary>
    [GeneratedRegex("""^\{\s*"name"\s*:\s*"([A-Za-z0-9_-]{1,64})"\s*,\s*"arguments"\s*:\s*[{\[]$""", RegexOptions.CultureInvariant)]
    private static partial Regex Header();
}
