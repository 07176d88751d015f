namespace Serverless.Inference.Chat.Jinja;

/// <summary><c>{% macro name(a, b=default) %}</c>; <paramref name="Defaults"/> lines up with the parameters, null where none.</summary>
internal sealed record MacroNode(
    int Line, string Name, IReadOnlyList<string> Parameters, IReadOnlyList<JinjaExpr?> Defaults, IReadOnlyList<JinjaNode> Body)
    : JinjaNode(Line);
