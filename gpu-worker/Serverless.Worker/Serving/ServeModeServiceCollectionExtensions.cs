using Serverless.Inference;
using Serverless.Telemetry;
using Serverless.Telemetry.Prometheus;
using Serverless.Worker.Telemetry;

namespace Serverless.Worker.Serving;

/// <summary>The serve mode's DI entry point.</summary>
internal static class ServeModeServiceCollectionExtensions
{
    public static IServiceCollection AddServeMode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServeOptions>().Bind(configuration.GetSection(ServeOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrEmpty(o.ApiKey), "Serve:ApiKey is not set: serve mode answers only callers that present it (the API's Worker:ApiKey).")
            .ValidateOnStart();
        services.AddServerlessInference(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddServerlessTelemetry(configuration, "serverless-worker", WorkerMetrics.MeterName);
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<ModelsEndpoint>();
        services.AddSingleton<CompletionsEndpoint>();
        services.AddSingleton<ChatCompletionsEndpoint>();
        services.AddSingleton<EmbeddingsEndpoint>();
        services.AddSingleton<HealthEndpoints>();
        services.AddSingleton<CallLedger>();
        services.AddSingleton<CallsEndpoint>();
        return services;
    }

    /// <summary>Refuses <c>/v1/*</c> and <c>/metrics</c> to callers without the worker key, by path: no route under them, mapped or not, escapes it.</summary>
    public static IApplicationBuilder UseServeModeAuthentication(this IApplicationBuilder app) =>
        app.UseMiddleware<WorkerAuthentication>();

    public static IEndpointRouteBuilder MapServeMode(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (HttpContext c, HealthEndpoints h) => h.AliveAsync(c));
        endpoints.MapGet("/readyz", (HttpContext c, HealthEndpoints h) => h.ReadyAsync(c));

        // The worker key or the metrics token (WorkerAuthentication): figures about every caller are not for anyone who reaches the worker.
        endpoints.MapGet("/metrics", (HttpContext c, PrometheusExporter e) => e.WriteAsync(c.Response));

        // The OpenAI routes continue the API's trace (its traceparent) in a span of their own.
        var v1 = endpoints.MapGroup("/v1").AddEndpointFilter<WorkerActivities>();
        v1.MapGet("/models", (HttpContext c, ModelsEndpoint e) => e.HandleAsync(c));
        v1.MapPost("/completions", (HttpContext c, CompletionsEndpoint e) => e.HandleAsync(c));
        v1.MapPost("/chat/completions", (HttpContext c, ChatCompletionsEndpoint e) => e.HandleAsync(c));
        v1.MapPost("/embeddings", (HttpContext c, EmbeddingsEndpoint e) => e.HandleAsync(c));
        v1.MapPost("/calls/{id}/stop", (HttpContext c, string id, CallsEndpoint e) => e.StopAsync(c, id));
        return endpoints;
    }
}
