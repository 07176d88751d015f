using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Api.Caching;

/// <summary>Registers the response cache.</summary>
internal static class ResponseCacheServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ResponseCache"/> and its options (the <c>ResponseCache</c> section).</summary>
    public static IServiceCollection AddServerlessResponseCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ResponseCacheOptions>().Bind(configuration.GetSection(ResponseCacheOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ResponseCache>();
        return services;
    }
}
