using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Identity;

/// <summary><c>GET /v1/me</c>: the caller as the API sees it (any role, no scope needed).</summary>
internal sealed class MeHandler : IApiHandler
{
    public Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var scopes = caller.Scopes.Count == 0 ? Scopes.All.Order(StringComparer.Ordinal).ToArray() : caller.Scopes;
        var view = new CallerView(caller.KeyId, caller.Owner, caller.Role.ToWire(), scopes, caller.Models, caller.Tier);
        return OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, view, IdentityJsonContext.Default.CallerView);
    }
}
