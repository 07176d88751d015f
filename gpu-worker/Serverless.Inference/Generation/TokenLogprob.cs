namespace Serverless.Inference;

/// <summary>
/// A generated token's log probability under the model (the log-softmax of its raw logits, before temperature,
/// penalties or truncation) and the most likely tokens at that step, most likely first.
/// </summary>
public sealed record TokenLogprob(int TokenId, float Logprob, IReadOnlyList<TokenAlternative> Top);

/// <summary>One of the most likely tokens at a step, and its log probability.</summary>
public sealed record TokenAlternative(int TokenId, float Logprob);
