using Serverless.Inference;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Errors;

namespace Serverless.Worker.Generation;

/// <summary>
/// Turns a validated OpenAI request into engine jobs, one per choice: tokenizes the prompt, checks it and
/// max_tokens against the model's context, and maps the sampling parameters.
/// </summary>
internal sealed record GenerationPlan(IReadOnlyList<ChoiceJob> Jobs, int PromptTokens)
{
    /// <summary>OpenAI's default <c>max_tokens</c> for the completions endpoint.</summary>
    public const int CompletionsDefaultMaxTokens = 16;

    /// <summary>Plans a completions request: each prompt gets <c>n</c> choices.</summary>
    public static (GenerationPlan? Plan, ApiError? Error) For(GenerationModel model, CompletionRequest request)
    {
        var prompts = request.Prompt!.Select(model.Tokenize).ToArray();
        var param = prompts.Length == 1 ? "prompt" : "prompt[]";
        return Build(model, request, prompts, param, request.MaxTokens ?? CompletionsDefaultMaxTokens);
    }

    /// <summary>Plans a chat request: the conversation is rendered with the model's chat template.</summary>
    public static (GenerationPlan? Plan, ApiError? Error) For(GenerationModel model, ChatCompletionRequest request)
    {
        var turns = request.Messages!.Select(m => new ChatTurn(m.Role!, m.Content ?? string.Empty)).ToArray();
        var prompt = model.Tokenize(model.RenderChat(turns));
        return Build(model, request, [prompt], "messages", request.MaxOutputTokens);
    }

    private static (GenerationPlan?, ApiError?) Build(
        GenerationModel model, IGenerationParameters p, IReadOnlyList<int>[] prompts, string promptParam, int? maxTokens)
    {
        var context = model.Manifest.ContextLength;
        var longest = prompts.Max(t => t.Count);
        if (prompts.Any(t => t.Count == 0))
        {
            return (null, ApiError.InvalidParameter(promptParam, "The prompt must contain at least one token."));
        }

        if (longest >= context)
        {
            return (null, ContextExceeded(promptParam, context, longest, maxTokens ?? 1));
        }

        var max = maxTokens ?? context - longest;
        if (longest + max > context)
        {
            return (null, ContextExceeded(p.MaxOutputTokensParam, context, longest, max));
        }

        var n = p.N ?? 1;
        var stops = p.Stop ?? [];
        var jobs = new List<ChoiceJob>(prompts.Length * n);
        foreach (var prompt in prompts)
        {
            for (var i = 0; i < n; i++)
            {
                var sampling = new SamplingParameters(
                    Temperature: (float)(p.Temperature ?? 1),
                    TopP: (float)(p.TopP ?? 1),
                    TopK: p.TopK ?? 0,
                    FrequencyPenalty: (float)(p.FrequencyPenalty ?? 0),
                    PresencePenalty: (float)(p.PresencePenalty ?? 0),
                    Seed: p.Seed is { } seed ? seed + jobs.Count : null);
                jobs.Add(new ChoiceJob(jobs.Count, new GenerationRequest(prompt, max, sampling, stops)));
            }
        }

        return (new GenerationPlan(jobs, prompts.Sum(t => t.Count)), null);
    }

    private static ApiError ContextExceeded(string param, int context, int promptTokens, int maxTokens) =>
        ApiError.InvalidParameter(
            param,
            $"This model's maximum context length is {context} tokens. However, you requested {promptTokens + maxTokens} tokens " +
            $"({promptTokens} in the prompt, {maxTokens} in the completion). Please reduce the length of the prompt or completion.",
            "context_length_exceeded");
}
