namespace Serverless.Api.Usage;

/// <summary>What one request used and cost: the unit of metering, recorded once per request id.</summary>
/// <param name="RequestId">The request id; recording the same request again is a no-op.</param>
/// <param name="KeyId">The key (or <c>jwt:</c> subject) that made it.</param>
/// <param name="Owner">The tenant billed.</param>
/// <param name="Model">The model that served it.</param>
/// <param name="Endpoint">The route name (<c>ChatCompletions</c>, ...).</param>
/// <param name="PromptTokens">Input tokens.</param>
/// <param name="CompletionTokens">Output tokens actually delivered.</param>
/// <param name="ComputeMs">Time the backend spent, in milliseconds.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Cost">The cost from the price table.</param>
/// <param name="Timestamp">When it happened; its UTC day is the day it is billed to.</param>
public sealed record UsageEvent(
    string RequestId,
    string KeyId,
    string Owner,
    string Model,
    string Endpoint,
    int PromptTokens,
    int CompletionTokens,
    long ComputeMs,
    int Status,
    decimal Cost,
    DateTimeOffset Timestamp)
{
    /// <summary>Whether the answer came from the response cache (billed at the model's cached price).</summary>
    public bool Cached { get; init; }
}
