using System.Text;
using System.Text.Json;
using Serverless.Inference;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Serialization;
using Serverless.Worker.Generation;
using Serverless.Worker.Serving;

namespace Serverless.Worker.Jobs;

/// <summary>
/// Runs a job's request exactly as serve mode runs the same request (the same plan, the same collection of choices, the same
/// response shape), so a job's answer equals the synchronous route's for the same seed.
/// </summary>
internal sealed class JobExecutor(ModelCatalog catalog, TimeProvider time)
{
    /// <summary>Runs <paramref name="requestJson"/> on the worker path <paramref name="kind"/>, within the tokens reserved for it.</summary>
    public Task<JobExecution> RunAsync(string kind, string requestJson, long? tokenBudget, CancellationToken cancellationToken) => kind switch
    {
        "v1/chat/completions" => ChatAsync(requestJson, tokenBudget, cancellationToken),
        "v1/completions" => CompletionAsync(requestJson, tokenBudget, cancellationToken),
        _ => Task.FromResult(JobExecution.Failed("unsupported_job", $"This worker cannot run '{kind}' jobs.")),
    };

    private async Task<JobExecution> CompletionAsync(string json, long? tokenBudget, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.CompletionRequest)!;
        var (model, error) = ModelLookup.Generation(catalog, request.Model!, "completions");
        var (plan, planError) = error is null ? GenerationPlan.For(model!, request, tokenBudget) : (null, error);
        if (planError is not null)
        {
            return Failed(planError);
        }

        var results = await CollectAsync(model!, plan!.Jobs, cancellationToken);
        var completionTokens = results.Sum(r => r.CompletionTokens);
        var answer = new Completion(
            ResponseIds.Completion(),
            time.GetUtcNow().ToUnixTimeSeconds(),
            model!.Manifest.Id,
            results.Select(r => new CompletionChoice(r.Text, r.Index, r.FinishReason.ToWire())).ToArray(),
            Usage.Of(plan.PromptTokens, completionTokens));
        return new JobExecution(JsonSerializer.Serialize(answer, OpenAIJsonContext.Default.Completion), plan.PromptTokens, completionTokens);
    }

    private async Task<JobExecution> ChatAsync(string json, long? tokenBudget, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.ChatCompletionRequest)!;
        var (model, error) = ModelLookup.Generation(catalog, request.Model!, "chat completions");
        var (plan, planError) = error is null ? GenerationPlan.For(model!, request, tokenBudget) : (null, error);
        if (planError is not null)
        {
            return Failed(planError);
        }

        var results = await CollectAsync(model!, plan!.Jobs, cancellationToken);
        var completionTokens = results.Sum(r => r.CompletionTokens);
        var answer = new ChatCompletion(
            ResponseIds.ChatCompletion(),
            time.GetUtcNow().ToUnixTimeSeconds(),
            model!.Manifest.Id,
            results.Select(r => new ChatChoice(r.Index, new AssistantMessage(r.Text), r.FinishReason.ToWire())).ToArray(),
            Usage.Of(plan.PromptTokens, completionTokens));
        return new JobExecution(JsonSerializer.Serialize(answer, OpenAIJsonContext.Default.ChatCompletion), plan.PromptTokens, completionTokens);
    }

    /// <summary>
    /// Every choice at once, so the engine batches them, each concatenated: what serve mode's non-streaming answer
    /// does, so the text is the same for the same seed.
    /// </summary>
    private static async Task<IReadOnlyList<ChoiceResult>> CollectAsync(GenerationModel model, IReadOnlyList<ChoiceJob> jobs, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(jobs.Select(async job =>
        {
            var text = new StringBuilder();
            GenerationChunk? last = null;
            await foreach (var chunk in model.GenerateAsync(job.Request, cancellationToken))
            {
                text.Append(chunk.Text);
                last = chunk;
            }

            return new ChoiceResult(job.Index, text.ToString(), last?.FinishReason ?? FinishReason.Length, last?.CompletionTokens ?? 0);
        }));
        return [.. results.OrderBy(r => r.Index)];
    }

    private static JobExecution Failed(ApiError error) => JobExecution.Failed(error.Error.Code ?? "invalid_request", error.Error.Message);
}
