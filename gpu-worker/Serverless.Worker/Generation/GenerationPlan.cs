using Serverless.Inference;
using Serverless.Jobs;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Errors;
using Serverless.Worker.Generation.Tools;

namespace Serverless.Worker.Generation;

/// <summary>
/// Turns a validated OpenAI request into engine jobs, one per choice: tokenizes the prompt, checks it and
/// max_tokens against the model's context, and maps the sampling parameters.
/// </summary>
internal sealed record GenerationPlan(IReadOnlyList<ChoiceJob> Jobs, int PromptTokens)
{
    /// <summary>OpenAI's default <c>max_tokens</c> for the completions endpoint.</summary>
    public const int CompletionsDefaultMaxTokens = 16;

    /// <summary>
    /// The same plan with every choice in <paramref name="priority"/>'s class: when the model's batch is full, its
    /// choices join before those of lower classes that wait (<see cref="GenerationRequest.Priority"/>).
    /// </summary>
    public GenerationPlan InClass(PriorityClass priority) =>
        this with { Jobs = [.. Jobs.Select(j => j with { Request = j.Request with { Priority = (int)priority } })] };

    /// <summary>
    /// Plans a completions request: each prompt gets <c>n</c> choices. With a <paramref name="tokenBudget"/> (what the
    /// gateway reserved), prompt and completion tokens together never exceed it.
    /// </summary>
    public static (GenerationPlan? Plan, ApiError? Error) For(GenerationModel model, CompletionRequest request, long? tokenBudget = null)
    {
        var prompts = request.Prompt!.Select(model.Tokenize).ToArray();
        var param = prompts.Length == 1 ? "prompt" : "prompt[]";
        return Build(model, request, prompts, param, request.MaxTokens ?? CompletionsDefaultMaxTokens, tokenBudget);
    }

    /// <summary>Plans a chat request: the conversation is rendered with the model's chat template.</summary>
    public static (GenerationPlan? Plan, ApiError? Error) For(GenerationModel model, ChatCompletionRequest request, long? tokenBudget = null)
    {
        var chat = ChatPrompt.From(request);
        IReadOnlyList<int> prompt;
        try
        {
            prompt = model.TokenizeChat(chat.Turns, chat.Tools);
        }
        catch (ChatTemplateException e)
        {
            return (null, e.TooLong
                ? ApiError.InvalidParameter("messages", $"The conversation is too long for this model's chat template: {e.Message}", "context_length_exceeded")
                : ApiError.InvalidParameter("messages", $"This model's chat template does not accept the conversation: {e.Message}", "invalid_conversation"));
        }

        var (constraint, constraintError) = OutputConstraints.For(request, chat.Calling);
        return constraintError is not null
            ? (null, constraintError)
            : Build(model, request, [prompt], "messages", request.MaxOutputTokens, tokenBudget, chat.Calling, constraint);
    }

    private static (GenerationPlan?, ApiError?) Build(
        GenerationModel model, IGenerationParameters p, IReadOnlyList<int>[] prompts, string promptParam, int? maxTokens, long? tokenBudget, ToolCalling? tools = null, JsonConstraint? constraint = null)
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
        if ((long)longest + max > context)
        {
            return (null, ContextExceeded(p.MaxOutputTokensParam, context, longest, max));
        }

        var n = p.N ?? 1;
        if (tokenBudget is { } budget)
        {
            // The gateway billed at most the budget; every choice gets an equal share of what the prompts leave.
            var choices = (long)prompts.Length * n;
            var perChoice = (budget - prompts.Sum(t => (long)t.Count)) / choices;
            if (perChoice < 1)
            {
                return (null, ApiError.InvalidParameter(
                    promptParam,
                    $"The prompt is longer than the gateway allowed for it ({budget} tokens with the completion); shorten it or set max_tokens lower.",
                    "context_length_exceeded"));
            }

            max = (int)Math.Min(max, perChoice);
        }

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
                jobs.Add(new ChoiceJob(jobs.Count, new GenerationRequest(prompt, max, sampling, stops, p.LogprobAlternatives, constraint), tools));
            }
        }

        return (new GenerationPlan(jobs, prompts.Sum(t => t.Count)), null);
    }

    private static ApiError ContextExceeded(string param, int context, int promptTokens, int maxTokens) =>
        ApiError.InvalidParameter(
            param,
            $"This model's maximum context length is {context} tokens. However, you requested {(long)promptTokens + maxTokens} tokens " +
            $"({promptTokens} in the prompt, {maxTokens} in the completion). Please reduce the length of the prompt or completion.",
            "context_length_exceeded");
}
