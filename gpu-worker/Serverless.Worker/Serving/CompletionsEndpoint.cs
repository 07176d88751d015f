using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Inference;
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
        var wire = CompletionWire.Instance;
        var header = new ResponseHeader(wire.NewId(), time.GetUtcNow().ToUnixTimeSeconds(), model.Manifest.Id);
        using var call = calls.Begin(context, plan.PromptTokens, plan.Jobs.Count);
        await GenerationResponse.WriteAsync(context, wire, model, plan, request, header, call, metrics);
    }
}
