using System.Text.Json;
using Serverless.Jobs;

namespace Serverless.Api.Batches;

/// <summary>Reads a chunk's output lines, and the usage an answered line reports.</summary>
internal static class BatchOutput
{
    /// <summary>The output lines of a chunk's result (none when it has no result).</summary>
    public static IReadOnlyList<BatchOutputLine> Parse(string? text) =>
        text is null
            ? []
            : [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize(l, JobsContractJsonContext.Default.BatchOutputLine)!)];

    /// <summary>The model and tokens of an answered line, from its body's <c>model</c> and <c>usage</c>.</summary>
    public static (string Model, int PromptTokens, int CompletionTokens) UsageOf(BatchOutputLine line, string fallbackModel)
    {
        ArgumentNullException.ThrowIfNull(line);
        var body = line.Response!.Body;
        var model = body.TryGetProperty("model", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString()! : fallbackModel;
        if (!body.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return (model, 0, 0);
        }

        static int Count(JsonElement usage, string name) => usage.TryGetProperty(name, out var value) && value.TryGetInt32(out var count) ? count : 0;
        return (model, Count(usage, "prompt_tokens"), Count(usage, "completion_tokens"));
    }
}
