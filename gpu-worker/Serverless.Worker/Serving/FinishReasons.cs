using Serverless.Inference;

namespace Serverless.Worker.Serving;

/// <summary>The wire names of finish reasons.</summary>
internal static class FinishReasons
{
    /// <summary>A chat choice whose answer is tool calls.</summary>
    public const string ToolCalls = "tool_calls";

    public static string ToWire(this FinishReason reason) => reason == FinishReason.Stop ? "stop" : "length";

    public static string? ToWire(this FinishReason? reason) => reason?.ToWire();
}
