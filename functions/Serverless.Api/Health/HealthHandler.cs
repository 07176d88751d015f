using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;

namespace Serverless.Api.Health;

/// <summary><c>GET /healthz</c>: the API process answers (liveness; says nothing about the worker).</summary>
internal sealed class HealthHandler : IApiHandler
{
    public Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync("""{"status":"ok"}""", context.RequestAborted);
    }
}
