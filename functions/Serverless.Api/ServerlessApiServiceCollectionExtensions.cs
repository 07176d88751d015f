using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Serverless.Api.Auth;
using Serverless.Api.Batches;
using Serverless.Api.Caching;
using Serverless.Api.Catalog;
using Serverless.Api.Cors;
using Serverless.Api.Health;
using Serverless.Api.Jobs;
using Serverless.Api.KeyRing;
using Serverless.Api.Keys;
using Serverless.Api.Models;
using Serverless.Api.Pipeline;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Api.Relay;
using Serverless.Api.Routing;
using Serverless.Api.Storage;
using Serverless.Api.Telemetry;
using Serverless.Api.Tiers;
using Serverless.Api.Usage;
using Serverless.Api.Versioning;
using Serverless.Telemetry;

namespace Serverless.Api;

/// <summary>The one DI entry point of the API core, called by both hosts.</summary>
public static class ServerlessApiServiceCollectionExtensions
{
    /// <summary>Registers the pipeline, every route handler, the worker client and their options.</summary>
    public static IServiceCollection AddServerlessApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddServerlessTelemetry(configuration, "serverless-api", ApiMetrics.MeterName);
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<OperatorAccess>();
        services.AddOptions<ReadinessOptions>().Bind(configuration.GetSection(ReadinessOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RequestRecorder>();
        services.TryAddSingleton(provider => StorageClients.CreateTableService(configuration, new StorageCallCounter(provider.GetRequiredService<ApiMetrics>())));
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ClientAddresses>();
        services.AddSingleton<FailedAuthentications>();
        services.AddSingleton<JwtSigningKeys>();
        services.AddSingleton<JwtValidator>();
        services.AddSingleton<CallerAuthenticator>();
        // JwtSigningKeys keeps its client for the process's life, so the handler, not the factory, recycles connections.
        services.AddHttpClient(nameof(JwtSigningKeys), client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddOptions<QuotaOptions>().Bind(configuration.GetSection(QuotaOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TierStore>();
        services.AddSingleton<CounterStore>();
        services.AddSingleton<LeasedCounters>();
        services.AddSingleton<QuotaGate>();
        services.AddHostedService<LeaseReturnService>();
        services.AddSingleton<ForwardingServices>();

        services.AddOptions<UsageOptions>().Bind(configuration.GetSection(UsageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PriceOptions>().Bind(configuration.GetSection(PriceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PriceTable>();
        services.AddHostedService<InitialPriceService>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<UsageRollups>();
        services.AddSingleton<UsageSpill>();
        services.AddHostedService<UsageFlushService>();

        services.AddServerlessKeyRing(configuration);
        services.AddServerlessJobs(configuration);
        services.AddServerlessBatches(configuration);

        services.AddOptions<CorsOptions>().Bind(configuration.GetSection(CorsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsOptions>, CorsOptionsValidator>();
        services.AddSingleton<CorsPolicy>();
        services.TryAddSingleton(new Deprecations(Deprecations.Table));
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<AnswerRelay>();
        services.AddSingleton<WorkerRelay>();
        services.AddServerlessCatalog(configuration);
        services.AddServerlessResponseCache(configuration);
        foreach (var route in ApiRoutes.All)
        {
            services.TryAddSingleton(route.HandlerType);
        }

        // Polly reports every attempt at Information ("Execution attempt ..."): a log line per request on the hot path.
        services.Configure<Polly.Telemetry.TelemetryOptions>(telemetry => telemetry.SeverityProvider = args =>
            args.Event.EventName == "ExecutionAttempt" ? Polly.Telemetry.ResilienceEventSeverity.Debug : args.Event.Severity);
        services.AddSingleton<WorkerObservations>();
        services.AddTransient<WorkerObserver>();
        services.AddHttpClient<WorkerClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
                http.BaseAddress = options.BaseUrl;
                http.DefaultRequestHeaders.Authorization = new("Bearer", options.ApiKey); // every call: relay, stop, models, readiness
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline's timeout governs; streams outlive any fixed timeout
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(5),
                AutomaticDecompression = DecompressionMethods.None,
            })
            .AddHttpMessageHandler<WorkerObserver>() // outside the retries: records what the call finally met
            .AddResilienceHandler("worker", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WorkerOptions>>().Value;

                // Retry only what never reached the model: a refused connection or a worker that is not ready (503).
                // Anything else may already have generated tokens, and generating twice is not a transient fault.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(100),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
                        || args.Outcome.Result?.StatusCode == HttpStatusCode.ServiceUnavailable),
                });
                pipeline.AddTimeout(options.RequestTimeout);
            });

        return services;
    }
}
