using Microsoft.Extensions.Options;
using Serverless.Inference;

namespace Serverless.Worker.Serving;

/// <summary>The serve mode's DI entry point.</summary>
internal static class ServeModeServiceCollectionExtensions
{
    public static IServiceCollection AddServeMode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServeOptions>().Bind(configuration.GetSection(ServeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InferenceOptions>().Bind(configuration.GetSection("Inference"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => ModelCatalog.Load(
            provider.GetRequiredService<IOptions<InferenceOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ModelsEndpoint>();
        services.AddSingleton<CompletionsEndpoint>();
        services.AddSingleton<ChatCompletionsEndpoint>();
        services.AddSingleton<EmbeddingsEndpoint>();
        services.AddSingleton<HealthEndpoints>();
        return services;
    }

    public static IEndpointRouteBuilder MapServeMode(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (HttpContext c, HealthEndpoints h) => h.AliveAsync(c));
        endpoints.MapGet("/readyz", (HttpContext c, HealthEndpoints h) => h.ReadyAsync(c));
        endpoints.MapGet("/v1/models", (HttpContext c, ModelsEndpoint e) => e.HandleAsync(c));
        endpoints.MapPost("/v1/completions", (HttpContext c, CompletionsEndpoint e) => e.HandleAsync(c));
        endpoints.MapPost("/v1/chat/completions", (HttpContext c, ChatCompletionsEndpoint e) => e.HandleAsync(c));
        endpoints.MapPost("/v1/embeddings", (HttpContext c, EmbeddingsEndpoint e) => e.HandleAsync(c));
        return endpoints;
    }
}
