namespace Serverless.Api.Usage;

/// <summary>An owner's use of one model on one UTC day: a rollup row, or what a flush adds to one.</summary>
internal sealed record DailyUsage(DateOnly Day, string Model, long PromptTokens, long CompletionTokens, long Requests, long ComputeMs, decimal Cost)
{
    /// <summary>The sum of this and <paramref name="other"/> (same day and model).</summary>
    public DailyUsage Plus(DailyUsage other) => this with
    {
        PromptTokens = PromptTokens + other.PromptTokens,
        CompletionTokens = CompletionTokens + other.CompletionTokens,
        Requests = Requests + other.Requests,
        ComputeMs = ComputeMs + other.ComputeMs,
        Cost = Cost + other.Cost,
    };
}
