namespace Serverless.OpenAI.Chat;

/// <summary>A tool the model may call (<c>tools[i]</c>); <c>function</c> is the only type.</summary>
public sealed record ChatTool(string? Type, FunctionDefinition? Function);
