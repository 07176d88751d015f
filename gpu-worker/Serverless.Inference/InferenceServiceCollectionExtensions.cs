using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Inference;

/// <summary>The model runtime's one DI entry point, for every mode of the worker.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="InferenceOptions"/> (a bad setting refuses to start, naming it) and registers
    /// the <see cref="ModelCatalog"/>, loaded once when first asked for.
    /// </summary>
    public static IServiceCollection AddServerlessInference(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InferenceOptions>().Bind(configuration.GetSection(InferenceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => ModelCatalog.Load(
            provider.GetRequiredService<IOptions<InferenceOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}
