using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Catalog;

/// <summary><c>GET /v1/admin/models</c>: every catalog model, as this instance holds the catalog.</summary>
internal sealed class AdminCatalogModelsHandler(ModelCatalog catalog) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var snapshot = await catalog.GetAsync(context.RequestAborted);
        var body = new CatalogModelList(snapshot.Models.Select(CatalogModelObject.From).ToArray());
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, body, CatalogJsonContext.Default.CatalogModelList);
    }
}
