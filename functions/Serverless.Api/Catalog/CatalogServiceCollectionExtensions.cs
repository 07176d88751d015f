using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.Upstreams;

namespace Serverless.Api.Catalog;

/// <summary>Registers the model catalog and the routing of its models to their deployments.</summary>
internal static class CatalogServiceCollectionExtensions
{
    /// <summary>Adds the catalog, its options, the deployments' breakers and the upstream HTTP client.</summary>
    public static IServiceCollection AddServerlessCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<DeploymentStates>();
        services.AddSingleton(new UpstreamCredentials(configuration));
        services.AddSingleton<UpstreamRelay>();

        // No retry or timeout handler: the relay moves on to the next deployment itself, within the request's deadline,
        // and only before an answer has begun. No default Authorization either: each call carries its deployment's own.
        services.AddHttpClient(UpstreamRelay.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(5),
                AutomaticDecompression = DecompressionMethods.None,
                AllowAutoRedirect = false, // a redirect must not carry a deployment's key elsewhere
            });
        return services;
    }
}
