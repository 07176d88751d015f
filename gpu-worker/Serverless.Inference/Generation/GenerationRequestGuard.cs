namespace Serverless.Inference.Generation;

/// <summary>Bug guards: the caller validates user input, so a request failing these is a caller's bug.</summary>
internal static class GenerationRequestGuard
{
    public static void Check(GenerationRequest request, int contextLength, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.PromptTokens);
        ArgumentNullException.ThrowIfNull(request.Sampling);
        ArgumentNullException.ThrowIfNull(request.StopSequences);
        if (request.PromptTokens.Count == 0)
        {
            throw new ArgumentException("The prompt has no tokens.", nameof(request));
        }

        if (request.MaxTokens < 1)
        {
            throw new ArgumentException("max_tokens must be at least 1.", nameof(request));
        }

        if ((long)request.PromptTokens.Count + request.MaxTokens > contextLength)
        {
            throw new ArgumentException(
                $"Prompt ({request.PromptTokens.Count} tokens) + max_tokens ({request.MaxTokens}) exceeds the context length {contextLength}.",
                nameof(request));
        }

        foreach (var token in request.PromptTokens)
        {
            if (token < 0 || (vocabSize > 0 && token >= vocabSize))
            {
                throw new ArgumentException($"Token id {token} is outside the vocabulary.", nameof(request));
            }
        }

        if (request.TopLogprobs is < 0 or > GenerationRequest.MaxTopLogprobs)
        {
            throw new ArgumentException($"top_logprobs must be between 0 and {GenerationRequest.MaxTopLogprobs}.", nameof(request));
        }

        var sampling = request.Sampling;
        if (!(sampling.Temperature >= 0f) || !(sampling.TopP >= 0f && sampling.TopP <= 1f) || sampling.TopK < 0
            || !float.IsFinite(sampling.FrequencyPenalty) || !float.IsFinite(sampling.PresencePenalty))
        {
            throw new ArgumentException("Sampling parameters out of range (temperature ≥ 0, 0 ≤ top_p ≤ 1, top_k ≥ 0, finite penalties).", nameof(request));
        }
    }
}
