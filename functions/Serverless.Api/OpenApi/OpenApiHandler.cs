using Microsoft.AspNetCore.Http;
using Serverless.Api.Routing;

namespace Serverless.Api.OpenApi;

/// <summary><c>GET /openapi/v1.json</c>: the OpenAPI document, anonymously.</summary>
internal sealed class OpenApiHandler : IApiHandler
{
    public Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(OpenApiDescription.Json, context.RequestAborted);
    }
}
