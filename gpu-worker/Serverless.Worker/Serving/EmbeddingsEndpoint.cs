using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Inference;
using Serverless.OpenAI.Http;
using Serverless.OpenAI.Serialization;

namespace Serverless.Worker.Serving;

/// <summary><c>POST /v1/embeddings</c>, as float arrays or base64.</summary>
internal sealed class EmbeddingsEndpoint(ModelCatalog catalog, IOptions<ServeOptions> options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var parsed = await JsonBody.ReadAsync(context.Request, OpenAIJsonContext.Default.EmbeddingRequest, options.Value.MaxRequestBodyBytes);
        var (answer, error) = parsed.Error is null ? EmbeddingAnswer.Create(catalog, parsed.Value!) : (null, parsed.Error);
        if (error is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, answer!, OpenAIJsonContext.Default.EmbeddingList);
    }
}
