namespace Serverless.Inference.Chat.Jinja;

/// <summary>A built-in callable: a global such as <c>range</c>, or a method bound to its value such as <c>'a'.upper</c>.</summary>
internal sealed record JinjaFunction(string Name, Func<JinjaInterpreter, JinjaArgs, object?> Invoke);
