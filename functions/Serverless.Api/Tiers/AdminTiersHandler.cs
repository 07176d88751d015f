using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Tiers;

/// <summary><c>GET /v1/admin/tiers</c>: every tier and its limits.</summary>
internal sealed class AdminTiersHandler(TierStore tiers) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var list = await tiers.ListAsync(context.RequestAborted);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, new TierList(list.Select(TierObject.From).ToArray()), TierJsonContext.Default.TierList);
    }
}
