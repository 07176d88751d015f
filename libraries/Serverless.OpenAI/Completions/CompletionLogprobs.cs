namespace Serverless.OpenAI.Completions;

/// <summary>
/// A completions choice's <c>logprobs</c>, in the legacy column shape: each generated token, its log probability,
/// the most likely tokens at its position (token → log probability) and where its text starts in the choice's text.
/// </summary>
public sealed record CompletionLogprobs(
    IReadOnlyList<string> Tokens,
    IReadOnlyList<double> TokenLogprobs,
    IReadOnlyList<IReadOnlyDictionary<string, double>> TopLogprobs,
    IReadOnlyList<int> TextOffset);
