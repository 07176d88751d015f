using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Serverless.Client;
using Serverless.Client.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ServerlessClient"/>.</summary>
public static class ServerlessClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the client uses, for further configuration with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Serverless.Client";

    /// <summary>
    /// Registers <see cref="ServerlessClient"/> (transient, over a pooled <see cref="HttpClient"/> with the standard
    /// resilience handler, retrying only what is safe to repeat) and <see cref="ServerlessClientOptions"/>, validated
    /// when the client is first made and at start-up where the host validates options on start. Answers the
    /// <see cref="HttpClient"/>'s builder, to add handlers or change the resilience settings. Waits use the registered
    /// <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// </summary>
    public static IHttpClientBuilder AddServerlessClient(this IServiceCollection services, Action<ServerlessClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ServerlessClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServerlessClientOptions>, ServerlessClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        var builder = services.AddHttpClient(HttpClientName);
        builder.AddStandardResilienceHandler().Configure((resilience, provider) =>
            ServerlessResilience.Configure(resilience, provider.GetRequiredService<IOptions<ServerlessClientOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.TryAddTransient(provider => new ServerlessClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<ServerlessClientOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
