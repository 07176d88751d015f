using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Inference;
using Serverless.OpenAI.Embeddings;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;
using Serverless.OpenAI.Validation;

namespace Serverless.Worker.Serving;

/// <summary><c>POST /v1/embeddings</c>, as float arrays or base64.</summary>
internal sealed class EmbeddingsEndpoint(ModelCatalog catalog, IOptions<ServeOptions> options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var parsed = await JsonBody.ReadAsync(context.Request, OpenAIJsonContext.Default.EmbeddingRequest, options.Value.MaxRequestBodyBytes);
        var request = parsed.Value;
        var error = parsed.Error ?? RequestValidator.Validate(request!);
        EmbeddingModel? model = null;
        if (error is null)
        {
            (model, error) = ModelLookup.Embedding(catalog, request!.Model!);
        }

        error ??= CheckFits(model!, request!);
        if (error is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        var batch = model!.Embed(request!.Input!);
        var base64 = request.EncodingFormat == "base64";
        var answer = new EmbeddingList(
            batch.Vectors.Select((v, i) => new Embedding(i, new EmbeddingVector(v, base64))).ToArray(),
            model.Manifest.Id,
            new EmbeddingUsage(batch.PromptTokens, batch.PromptTokens));
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, answer, OpenAIJsonContext.Default.EmbeddingList);
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
