namespace Serverless.Worker.Generation.Tools;

/// <summary>
/// How a choice's output is read for tool calls: which functions it may call, whether it must (its output is then
/// generated as calls under their schemas) and whether one answer may hold several calls.
/// </summary>
internal sealed record ToolCalling(IReadOnlyList<string> Names, bool Forced, bool AllowMultiple);
