using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Catalog;

/// <summary><c>GET</c>, <c>PUT</c> (create or replace) and <c>DELETE</c> of <c>/v1/admin/models/{id}</c>.</summary>
internal sealed class AdminCatalogModelHandler(ModelCatalog catalog) : IApiHandler
{
    private const string Prefix = "/v1/admin/models/";
    private const long MaxBodyBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        // Both hosts fill route values differently; the path is the same (a model id with '/' arrives as %2F).
        var id = Uri.UnescapeDataString(context.Request.Path.Value![Prefix.Length..]);
        if (CatalogValidator.CheckId(id, "id") is { } invalid)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, invalid);
            return;
        }

        var aborted = context.RequestAborted;
        CatalogModel? model;
        ApiError? error;
        if (HttpMethods.IsPut(context.Request.Method))
        {
            var parsed = await JsonBody.ReadAsync(context.Request, CatalogJsonContext.Default.CatalogModelRequest, MaxBodyBytes);
            (model, error) = parsed.Succeeded ? await catalog.PutAsync(id, parsed.Value, aborted) : (null, parsed.Error);
        }
        else if (HttpMethods.IsDelete(context.Request.Method))
        {
            (model, error) = await catalog.DeleteAsync(id, aborted);
        }
        else
        {
            model = (await catalog.GetAsync(aborted)).FindById(id);
            error = model is null ? CatalogErrors.NotFound(id) : null;
        }

        await (error is not null
            ? OpenAIResponses.WriteErrorAsync(context.Response, error)
            : OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, CatalogModelObject.From(model!), CatalogJsonContext.Default.CatalogModelObject));
    }
}
