namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>What Python's jinja2 made of a case: the output, or the exception's type name and message.</summary>
public sealed record Jinja2Result(string? Output, string? Error, string? Message);
