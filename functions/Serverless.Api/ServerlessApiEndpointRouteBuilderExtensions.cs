using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;

namespace Serverless.Api;

/// <summary>Maps the route table onto plain ASP.NET Core endpoints, for the local host.</summary>
public static class ServerlessApiEndpointRouteBuilderExtensions
{
    /// <summary>Maps every route of <see cref="ApiRoutes.All"/> through the shared <see cref="ApiPipeline"/>.</summary>
    public static IEndpointRouteBuilder MapServerlessApi(this IEndpointRouteBuilder endpoints)
    {
        var pipeline = endpoints.ServiceProvider.GetRequiredService<ApiPipeline>();
        foreach (var route in ApiRoutes.All)
        {
            var builder = route.Template == ApiRoutes.Unmatched
                ? endpoints.MapFallback(route.Template, context => pipeline.InvokeAsync(context, route))
                : endpoints.MapMethods("/" + route.Template, route.Methods, context => pipeline.InvokeAsync(context, route));
            builder.WithName(route.Name);
        }

        return endpoints;
    }
}
