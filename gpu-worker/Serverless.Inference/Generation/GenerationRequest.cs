namespace Serverless.Inference;

/// <summary>
/// One completion to generate from an already tokenized prompt; with <see cref="TopLogprobs"/> set, every generated
/// token comes with its log probability and that many of the most likely alternatives (0–20); with
/// <see cref="Constraint"/> set, the completion is a JSON document that follows it and ends as soon as it is closed.
/// When the batch is full, a waiting request of higher <see cref="Priority"/> joins it before every waiting request of
/// lower priority (strict priority: no ageing), and requests of equal priority join in the order they came.
/// </summary>
public sealed record GenerationRequest(
    IReadOnlyList<int> PromptTokens,
    int MaxTokens,
    SamplingParameters Sampling,
    IReadOnlyList<string> StopSequences,
    int? TopLogprobs = null,
    JsonConstraint? Constraint = null,
    int Priority = 0)
{
    /// <summary>Most alternatives a token may list (OpenAI's <c>top_logprobs</c> limit).</summary>
    public const int MaxTopLogprobs = 20;
}
