using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Inference;
using Serverless.OpenAI.Chat;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;
using Serverless.OpenAI.Validation;
using Serverless.Worker.Generation;
using Serverless.Worker.Telemetry;

namespace Serverless.Worker.Serving;

/// <summary><c>POST /v1/chat/completions</c>, whole or streamed.</summary>
internal sealed class ChatCompletionsEndpoint(ModelCatalog catalog, CallLedger calls, TimeProvider time, IOptions<ServeOptions> options, WorkerMetrics metrics)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (await GenerationIntake.ReadAsync(
                context, catalog, options.Value.MaxRequestBodyBytes, OpenAIJsonContext.Default.ChatCompletionRequest,
                RequestValidator.Validate, r => r.Model!, "chat completions", GenerationPlan.For) is not { } intake)
        {
            return;
        }

        var (request, model, plan) = intake;

        var id = ResponseIds.ChatCompletion();
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var modelId = model.Manifest.Id;
        var aborted = context.RequestAborted;
        using var call = calls.Begin(context, plan.PromptTokens, plan.Jobs.Count);
        if (request.Stream != true)
        {
            var results = await ChoiceRunner.CollectAsync(model, plan.Jobs, metrics, call);
            aborted.ThrowIfCancellationRequested(); // nobody to answer: the gateway asks the call what it generated
            var answer = new ChatCompletion(
                id,
                created,
                modelId,
                results.Select(r => new ChatChoice(r.Index, new AssistantMessage(r.Text), r.FinishReason.ToWire())).ToArray(),
                Usage.Of(plan.PromptTokens, results.Sum(r => r.CompletionTokens)));
            await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, answer, OpenAIJsonContext.Default.ChatCompletion);
            return;
        }

        var events = await ServerSentEvents.StartAsync(context.Response);
        var chunkType = OpenAIJsonContext.Default.ChatCompletionChunk;

        // OpenAI opens every choice with a chunk that names the role and carries empty content.
        foreach (var job in plan.Jobs)
        {
            var opening = new ChatChunkChoice(job.Index, new ChatDelta("assistant", string.Empty), null);
            var none = UsageComment.Format(plan.PromptTokens, 0);
            await events.WriteAsync(new ChatCompletionChunk(id, created, modelId, [opening], null), chunkType, aborted, none);
        }

        var tokens = new int[plan.Jobs.Count];
        await foreach (var chunk in ChoiceRunner.StreamAsync(model, plan.Jobs, metrics, call, aborted))
        {
            tokens[chunk.Index] = chunk.CompletionTokens;
            var delta = new ChatDelta(null, chunk.FinishReason is null || chunk.Text.Length > 0 ? chunk.Text : null);
            var choice = new ChatChunkChoice(chunk.Index, delta, chunk.FinishReason.ToWire());
            var sofar = UsageComment.Format(plan.PromptTokens, tokens.Sum());
            await events.WriteAsync(new ChatCompletionChunk(id, created, modelId, [choice], null), chunkType, aborted, sofar);
        }

        if (request.StreamOptions?.IncludeUsage == true)
        {
            var usage = Usage.Of(plan.PromptTokens, tokens.Sum());
            await events.WriteAsync(new ChatCompletionChunk(id, created, modelId, [], usage), chunkType, aborted);
        }

        await events.CompleteAsync(aborted);
    }
}
