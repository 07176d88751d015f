using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Serverless.Api.Caching;
using Serverless.Api.Quotas;
using Serverless.Api.Routing;
using Serverless.OpenAI.Completions;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Models;
using Serverless.OpenAI.Serialization;
using Serverless.OpenAI.Validation;

namespace Serverless.Api.Completions;

/// <summary><c>POST /v1/completions</c> and the always-streaming <c>/v1/streaming/completions</c>; the async route derives from it to share the validation and estimate.</summary>
internal class CompletionsHandler(ForwardingServices services)
    : ForwardingHandler<CompletionRequest>(services)
{
    protected override JsonTypeInfo<CompletionRequest> TypeInfo => OpenAIJsonContext.Default.CompletionRequest;

    public override string WorkerPath => "v1/completions";

    protected override string Capability => "completions";

    protected override CompletionRequest Normalize(CompletionRequest request, HttpContext context) =>
        ApiRoutes.IsStreamingAlias(context.Request.Path) ? request with { Stream = true } : request;

    protected override ApiError? Validate(CompletionRequest request) => RequestValidator.Validate(request);

    protected override string ModelOf(CompletionRequest request) => request.Model!;

    protected override CompletionRequest WithModel(CompletionRequest request, string model) => request with { Model = model };

    protected override string? UserOf(CompletionRequest request) => request.User;

    protected override CompletionRequest? CacheableForm(CompletionRequest request) =>
        Determinism.IsCacheable(request) ? request with { User = null, Stream = null, StreamOptions = null } : null;

    protected override bool IsCapable(ModelCapabilities capabilities) => capabilities.Completion;

    protected override TokenEstimate Estimate(CompletionRequest request, Model model)
    {
        var prompts = request.Prompt!;
        var choices = (long)prompts.Count * (request.N ?? 1);
        return new(prompts.Sum(p => TokenEstimate.ForText(p, model.ContextLength)), choices * (request.MaxTokens ?? 16));
    }
}
