using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;

namespace Serverless.Functions;

/// <summary>Runs a route whose handler needs the Durable client: the trigger's client goes to the handler as a request feature.</summary>
internal static class DurableRoutes
{
    /// <summary>Serves <paramref name="request"/> on route <paramref name="routeName"/> with <paramref name="client"/>.</summary>
    public static async Task<IActionResult> ServeAsync(ApiPipeline pipeline, HttpRequest request, DurableTaskClient client, string routeName)
    {
        request.HttpContext.Features.Set(client);
        await pipeline.InvokeAsync(request.HttpContext, ApiRoutes.Named(routeName));
        return new EmptyResult();
    }
}
