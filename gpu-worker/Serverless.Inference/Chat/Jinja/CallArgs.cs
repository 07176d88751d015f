namespace Serverless.Inference.Chat.Jinja;

/// <summary>The argument expressions of a call, filter or test: positional ones, then keyword ones.</summary>
internal sealed record CallArgs(IReadOnlyList<JinjaExpr> Positional, IReadOnlyList<KeyValuePair<string, JinjaExpr>> Named)
{
    public static CallArgs None { get; } = new([], []);
}
