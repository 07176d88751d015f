using Serverless.Inference;
using Serverless.OpenAI.Embeddings;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Validation;

namespace Serverless.Worker.Serving;

/// <summary>Answers an embeddings request: the one algorithm behind <c>/v1/embeddings</c> and a batch's embedding lines.</summary>
internal static class EmbeddingAnswer
{
    /// <summary>The vectors of <paramref name="request"/>, or why it cannot be answered.</summary>
    public static (EmbeddingList? Answer, ApiError? Error) Create(ModelCatalog catalog, EmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var error = RequestValidator.Validate(request);
        EmbeddingModel? model = null;
        if (error is null)
        {
            (model, error) = ModelLookup.Embedding(catalog, request.Model!);
        }

        error ??= CheckFits(model!, request);
        if (error is not null)
        {
            return (null, error);
        }

        var batch = model!.Embed(request.Input!);
        var base64 = request.EncodingFormat == "base64";
        return (new EmbeddingList(
            batch.Vectors.Select((v, i) => new Embedding(i, new EmbeddingVector(v, base64))).ToArray(),
            model.Manifest.Id,
            new EmbeddingUsage(batch.PromptTokens, batch.PromptTokens)), null);
    }

    private static ApiError? CheckFits(EmbeddingModel model, EmbeddingRequest request)
    {
        if (request.Dimensions is { } asked && asked != model.Dimensions)
        {
            return ApiError.InvalidParameter("dimensions", $"The model '{model.Manifest.Id}' produces {model.Dimensions} dimensions; it cannot produce {asked}.");
        }

        var context = model.Manifest.ContextLength;
        for (var i = 0; i < request.Input!.Count; i++)
        {
            var tokens = model.CountTokens(request.Input[i]);
            if (tokens > context)
            {
                var param = request.Input.Count == 1 ? "input" : $"input[{i}]";
                return ApiError.InvalidParameter(param, $"This model's maximum context length is {context} tokens, but the input has {tokens} tokens.", "context_length_exceeded");
            }
        }

        return null;
    }
}
