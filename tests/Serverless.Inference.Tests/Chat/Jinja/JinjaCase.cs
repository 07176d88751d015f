namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>One conformance case: a template and the JSON object whose properties are its globals.</summary>
public sealed record JinjaCase(string Name, string Template, string Context = "{}");
