using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Inference;
using Serverless.OpenAI.Common;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;
using Serverless.OpenAI.Validation;
using Serverless.Worker.Generation;
using Serverless.Worker.Telemetry;

namespace Serverless.Worker.Serving;

/// <summary><c>POST /v1/completions</c>, whole or streamed.</summary>
internal sealed class CompletionsEndpoint(ModelCatalog catalog, CallLedger calls, TimeProvider time, IOptions<ServeOptions> options, WorkerMetrics metrics)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (await GenerationIntake.ReadAsync(
                context, catalog, options.Value.MaxRequestBodyBytes, OpenAIJsonContext.Default.CompletionRequest,
                RequestValidator.Validate, r => r.Model!, "completions", GenerationPlan.For) is not { } intake)
        {
            return;
        }

        var (request, model, plan) = intake;

        var id = ResponseIds.Completion();
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var modelId = model.Manifest.Id;
        var aborted = context.RequestAborted;
        using var call = calls.Begin(context, plan.PromptTokens, plan.Jobs.Count);
        if (request.Stream != true)
        {
            var results = await ChoiceRunner.CollectAsync(model, plan.Jobs, metrics, call);
            aborted.ThrowIfCancellationRequested(); // nobody to answer: the gateway asks the call what it generated
            var answer = new Completion(
                id,
                created,
                modelId,
                results.Select(r => new CompletionChoice(r.Text, r.Index, r.FinishReason.ToWire())).ToArray(),
                Usage.Of(plan.PromptTokens, results.Sum(r => r.CompletionTokens)));
            await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, answer, OpenAIJsonContext.Default.Completion);
            return;
        }

        var events = await ServerSentEvents.StartAsync(context.Response);
        var tokens = new int[plan.Jobs.Count];
        await foreach (var chunk in ChoiceRunner.StreamAsync(model, plan.Jobs, metrics, call, aborted))
        {
            tokens[chunk.Index] = chunk.CompletionTokens;
            var choice = new CompletionChoice(chunk.Text, chunk.Index, chunk.FinishReason.ToWire());
            var usage = UsageComment.Format(plan.PromptTokens, tokens.Sum());
            await events.WriteAsync(new Completion(id, created, modelId, [choice], null), OpenAIJsonContext.Default.Completion, aborted, usage);
        }

        if (request.StreamOptions?.IncludeUsage == true)
        {
            var usage = Usage.Of(plan.PromptTokens, tokens.Sum());
            await events.WriteAsync(new Completion(id, created, modelId, [], usage), OpenAIJsonContext.Default.Completion, aborted);
        }

        await events.CompleteAsync(aborted);
    }
}
