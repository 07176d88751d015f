using System.Text.Json;
using Serverless.Inference;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Serialization;
using Serverless.Worker.Generation;
using Serverless.Worker.Serving;
using Serverless.Worker.Telemetry;

namespace Serverless.Worker.Jobs;

/// <summary>
/// Runs a job's request exactly as serve mode runs the same request (the same plan, the same collection of choices, the same
/// response shape), so a job's answer equals the synchronous route's for the same seed.
/// </summary>
internal sealed class JobExecutor(ModelCatalog catalog, TimeProvider time, WorkerMetrics metrics)
{
    /// <summary>
    /// Runs <paramref name="requestJson"/> on the worker path <paramref name="kind"/>, within the tokens reserved for it.
    /// <paramref name="stop"/> ends the generation at its next decode step with what it made so far
    /// (<see cref="JobExecution.Stopped"/>); <paramref name="cancellationToken"/> (the worker shutting down) abandons it.
    /// </summary>
    public Task<JobExecution> RunAsync(string kind, string requestJson, long? tokenBudget, CancellationToken stop, CancellationToken cancellationToken) => kind switch
    {
        "v1/chat/completions" => ChatAsync(requestJson, tokenBudget, stop, cancellationToken),
        "v1/completions" => CompletionAsync(requestJson, tokenBudget, stop, cancellationToken),
        _ => Task.FromResult(JobExecution.Failed("unsupported_job", $"This worker cannot run '{kind}' jobs.")),
    };

    private async Task<JobExecution> CompletionAsync(string json, long? tokenBudget, CancellationToken stop, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.CompletionRequest)!;
        var (model, error) = ModelLookup.Generation(catalog, request.Model!, "completions");
        var (plan, planError) = error is null ? GenerationPlan.For(model!, request, tokenBudget) : (null, error);
        if (plan is null)
        {
            return Failed(planError!);
        }

        var (results, stopped) = await CollectAsync(model!, plan, stop, cancellationToken);
        var completionTokens = results.Sum(r => r.CompletionTokens);
        if (stopped)
        {
            return JobExecution.Stopped(plan.PromptTokens, completionTokens);
        }

        var answer = new Completion(
            ResponseIds.Completion(),
            time.GetUtcNow().ToUnixTimeSeconds(),
            model!.Manifest.Id,
            results.Select(r => new CompletionChoice(r.Text, r.Index, r.FinishReason.ToWire())).ToArray(),
            Usage.Of(plan.PromptTokens, completionTokens));
        return new JobExecution(JsonSerializer.Serialize(answer, OpenAIJsonContext.Default.Completion), plan.PromptTokens, completionTokens);
    }

    private async Task<JobExecution> ChatAsync(string json, long? tokenBudget, CancellationToken stop, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.ChatCompletionRequest)!;
        var (model, error) = ModelLookup.Generation(catalog, request.Model!, "chat completions");
        var (plan, planError) = error is null ? GenerationPlan.For(model!, request, tokenBudget) : (null, error);
        if (plan is null)
        {
            return Failed(planError!);
        }

        var (results, stopped) = await CollectAsync(model!, plan, stop, cancellationToken);
        var completionTokens = results.Sum(r => r.CompletionTokens);
        if (stopped)
        {
            return JobExecution.Stopped(plan.PromptTokens, completionTokens);
        }

        var answer = new ChatCompletion(
            ResponseIds.ChatCompletion(),
            time.GetUtcNow().ToUnixTimeSeconds(),
            model!.Manifest.Id,
            results.Select(r => new ChatChoice(r.Index, new AssistantMessage(r.Text), r.FinishReason.ToWire())).ToArray(),
            Usage.Of(plan.PromptTokens, completionTokens));
        return new JobExecution(JsonSerializer.Serialize(answer, OpenAIJsonContext.Default.ChatCompletion), plan.PromptTokens, completionTokens);
    }

    /// <summary>
    /// Every choice at once, as serve mode's non-streaming answer collects them (the same text for the same seed);
    /// says whether <paramref name="stop"/> ended them early.
    /// </summary>
    private async Task<(IReadOnlyList<ChoiceResult> Results, bool Stopped)> CollectAsync(
        GenerationModel model, GenerationPlan plan, CancellationToken stop, CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, cancellationToken);
        using var call = new GenerationCall(plan.PromptTokens, plan.Jobs.Count, either.Token);
        var results = await ChoiceRunner.CollectAsync(model, plan.Jobs, metrics, call);
        cancellationToken.ThrowIfCancellationRequested();
        return (results, call.Stopped);
    }

    private static JobExecution Failed(ApiError error) => JobExecution.Failed(error.Error.Code ?? "invalid_request", error.Error.Message);
}
