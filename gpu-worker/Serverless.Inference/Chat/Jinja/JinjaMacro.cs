namespace Serverless.Inference.Chat.Jinja;

/// <summary>A macro with the scope it was defined in, which it reads at call time as jinja2's closures do.</summary>
internal sealed record JinjaMacro(MacroNode Node, JinjaScope Closure);
