using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Prices;

/// <summary><c>GET /v1/admin/prices</c>: every priced model, read from storage (not the cache).</summary>
internal sealed class AdminPricesHandler(PriceTable prices) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var list = await prices.ListAsync(context.RequestAborted);
        var body = new PriceList(list.Select(PriceObject.From).ToArray());
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, body, PricesJsonContext.Default.PriceList);
    }
}
