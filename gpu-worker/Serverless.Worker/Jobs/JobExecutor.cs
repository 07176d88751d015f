using System.Text;
using System.Text.Json;
using Serverless.Inference;
using Serverless.Jobs;
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
    /// Runs <paramref name="requestJson"/> on the worker path <paramref name="kind"/>, within the tokens reserved for it,
    /// its choices in <paramref name="priority"/>'s class (its queue's) when they wait for a place in the batch.
    /// <paramref name="stop"/> ends the generation at its next decode step with what it made so far
    /// (<see cref="JobExecution.Stopped"/>); <paramref name="cancellationToken"/> (the worker shutting down) abandons it.
    /// </summary>
    public Task<JobExecution> RunAsync(
        string kind, string requestJson, long? tokenBudget, PriorityClass priority, CancellationToken stop, CancellationToken cancellationToken) =>
        BatchChunks.EndpointOf(kind) is { } endpoint
            ? RunChunkAsync(endpoint, requestJson, priority, stop, cancellationToken)
            : RunOneAsync("/" + kind, requestJson, tokenBudget, priority, stop, cancellationToken);

    private Task<JobExecution> RunOneAsync(
        string endpoint, string requestJson, long? tokenBudget, PriorityClass priority, CancellationToken stop, CancellationToken cancellationToken) => endpoint switch
    {
        "/v1/chat/completions" => ChatAsync(requestJson, tokenBudget, priority, stop, cancellationToken),
        "/v1/completions" => CompletionAsync(requestJson, tokenBudget, priority, stop, cancellationToken),
        "/v1/embeddings" => Task.FromResult(Embeddings(requestJson)),
        _ => Task.FromResult(JobExecution.Failed("unsupported_job", $"This worker cannot run '{endpoint}' jobs.")),
    };

    /// <summary>
    /// Runs a batch chunk's lines one after the other, each exactly as its endpoint runs a request, and answers their
    /// output lines (a line the API refused gets the answer it refused it with). <paramref name="stop"/> (a cancel,
    /// the batch's window) ends the chunk between two lines: the lines answered so far are its result, and the rest
    /// are reported not run by the batch.
    /// </summary>
    private async Task<JobExecution> RunChunkAsync(string endpoint, string linesJson, PriorityClass priority, CancellationToken stop, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        var (promptTokens, completionTokens) = (0, 0);
        foreach (var text in linesJson.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var line = JsonSerializer.Deserialize(text, JobsContractJsonContext.Default.BatchChunkLine)!;
            var requestId = ResponseIds.Request();
            BatchLineResponse response;
            if (line.Status is { } status)
            {
                response = new BatchLineResponse(status, requestId, line.Error!.Value);
            }
            else
            {
                var execution = await RunOneAsync(endpoint, line.Body!.Value.GetRawText(), line.TokenBudget, priority, CancellationToken.None, cancellationToken);
                (promptTokens, completionTokens) = (promptTokens + execution.PromptTokens, completionTokens + execution.CompletionTokens);
                response = execution.Succeeded
                    ? new BatchLineResponse(200, requestId, JsonDocument.Parse(execution.ResultJson!).RootElement.Clone())
                    : new BatchLineResponse(execution.ErrorStatus, requestId, ErrorBodyOf(execution));
            }

            output.Append(JsonSerializer.Serialize(new BatchOutputLine(BatchOutputLine.NewId(), line.CustomId, response, null), JobsContractJsonContext.Default.BatchOutputLine)).Append('\n');
        }

        return new JobExecution(output.ToString(), promptTokens, completionTokens);
    }

    private JobExecution Embeddings(string json)
    {
        var (answer, error) = EmbeddingAnswer.Create(catalog, JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.EmbeddingRequest)!);
        return answer is null
            ? Failed(error!)
            : new JobExecution(JsonSerializer.Serialize(answer, OpenAIJsonContext.Default.EmbeddingList), answer.Usage.PromptTokens, 0);
    }

    private static JsonElement ErrorBodyOf(JobExecution failed) => JsonSerializer.SerializeToElement(
        new ErrorBody(new OpenAIError(failed.ErrorMessage ?? "The request failed.", failed.ErrorStatus < 500 ? ErrorTypes.InvalidRequest : "server_error", null, failed.ErrorCode)),
        OpenAIJsonContext.Default.ErrorBody);

    private async Task<JobExecution> CompletionAsync(string json, long? tokenBudget, PriorityClass priority, CancellationToken stop, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.CompletionRequest)!;
        var (model, error) = ModelLookup.Generation(catalog, request.Model!, "completions");
        var (plan, planError) = error is null ? GenerationPlan.For(model!, request, tokenBudget) : (null, error);
        if (plan is null)
        {
            return Failed(planError!);
        }

        var (results, stopped) = await CollectAsync(model!, plan.InClass(priority), stop, cancellationToken);
        var completionTokens = results.Sum(r => r.CompletionTokens);
        if (stopped)
        {
            return JobExecution.Stopped(plan.PromptTokens, completionTokens);
        }

        var answer = new Completion(
            ResponseIds.Completion(),
            time.GetUtcNow().ToUnixTimeSeconds(),
            model!.Manifest.Id,
            results.Select(CompletionWire.Choice).ToArray(),
            Usage.Of(plan.PromptTokens, completionTokens));
        return new JobExecution(JsonSerializer.Serialize(answer, OpenAIJsonContext.Default.Completion), plan.PromptTokens, completionTokens);
    }

    private async Task<JobExecution> ChatAsync(string json, long? tokenBudget, PriorityClass priority, CancellationToken stop, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.ChatCompletionRequest)!;
        var (model, error) = ModelLookup.Generation(catalog, request.Model!, "chat completions");
        var (plan, planError) = error is null ? GenerationPlan.For(model!, request, tokenBudget) : (null, error);
        if (plan is null)
        {
            return Failed(planError!);
        }

        var (results, stopped) = await CollectAsync(model!, plan.InClass(priority), stop, cancellationToken);
        var completionTokens = results.Sum(r => r.CompletionTokens);
        if (stopped)
        {
            return JobExecution.Stopped(plan.PromptTokens, completionTokens);
        }

        var answer = new ChatCompletion(
            ResponseIds.ChatCompletion(),
            time.GetUtcNow().ToUnixTimeSeconds(),
            model!.Manifest.Id,
            results.Select(ChatCompletionWire.Choice).ToArray(),
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

    private static JobExecution Failed(ApiError error) => JobExecution.Failed(error.Error.Code ?? "invalid_request", error.Error.Message) with { ErrorStatus = error.StatusCode };
}
