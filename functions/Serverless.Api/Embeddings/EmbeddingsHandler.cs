using System.Text.Json.Serialization.Metadata;
using Serverless.Api.Quotas;
using Serverless.Api.Routing;
using Serverless.OpenAI.Embeddings;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Models;
using Serverless.OpenAI.Serialization;
using Serverless.OpenAI.Validation;

namespace Serverless.Api.Embeddings;

/// <summary><c>POST /v1/embeddings</c>.</summary>
internal sealed class EmbeddingsHandler(ForwardingServices services)
    : ForwardingHandler<EmbeddingRequest>(services)
{
    protected override JsonTypeInfo<EmbeddingRequest> TypeInfo => OpenAIJsonContext.Default.EmbeddingRequest;

    public override string WorkerPath => "v1/embeddings";

    protected override string Capability => "embeddings";

    protected override ApiError? Validate(EmbeddingRequest request) => RequestValidator.Validate(request);

    protected override string ModelOf(EmbeddingRequest request) => request.Model!;

    protected override EmbeddingRequest WithModel(EmbeddingRequest request, string model) => request with { Model = model };

    protected override string? UserOf(EmbeddingRequest request) => request.User;

    /// <summary>An embedding is a function of its input: every request may be answered from the cache.</summary>
    protected override EmbeddingRequest? CacheableForm(EmbeddingRequest request) => request with { User = null };

    protected override bool IsCapable(ModelCapabilities capabilities) => capabilities.Embedding;

    protected override ApiError? ValidateFor(EmbeddingRequest request, Model model) =>
        request.Dimensions is { } asked && asked != model.Dimensions
            ? ApiError.InvalidParameter("dimensions", $"The model '{model.Id}' produces {model.Dimensions} dimensions; it cannot produce {asked}.")
            : null;

    protected override TokenEstimate Estimate(EmbeddingRequest request, Model model) =>
        new(request.Input!.Sum(text => TokenEstimate.ForText(text, model.ContextLength) + 2), 0);
}
