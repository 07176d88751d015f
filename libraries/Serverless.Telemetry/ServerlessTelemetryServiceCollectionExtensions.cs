using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serverless.Telemetry.Prometheus;

namespace Serverless.Telemetry;

/// <summary>Registers the metrics exporter and the OpenTelemetry pipeline shared by the API and the worker.</summary>
public static class ServerlessTelemetryServiceCollectionExtensions
{
    /// <summary>The standard variable that turns on the OTLP exporter (traces, metrics and logs).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard variable that turns on the Azure Monitor exporter (Application Insights).</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Registers a <see cref="PrometheusExporter"/> for the meter <paramref name="source"/> and always traces the
    /// activity source of the same name, so <c>traceparent</c> reaches the next hop even when nothing exports;
    /// OTLP and Azure Monitor export traces, metrics and logs only when their standard settings are present.
    /// </summary>
    public static IServiceCollection AddServerlessTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName, string source)
    {
        services.AddMetrics();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName));
        services.TryAddSingleton(provider => new PrometheusExporter(provider.GetRequiredService<IMeterFactory>(), source));

        // Created with the host, not at the first scrape: measurements made before then would be lost.
        services.AddHostedService(provider => new PrometheusExporterActivation(provider.GetRequiredService<PrometheusExporter>()));

        var console = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.ConsoleExporter == true;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration[AzureMonitorSetting]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                // HttpClient's own spans: with them exported, the traceparent a callee receives names a span that
                // exists (HttpClient makes one whenever a span is current, listened to or not), and a request's
                // trace shows its storage round trips.
                tracing.AddSource(source, "System.Net.Http");
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            });
        if (otlp || azureMonitor)
        {
            telemetry.WithMetrics(metrics => metrics.AddMeter(source)).WithLogging();
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (azureMonitor)
        {
            var credential = AzureMonitorAuthentication.CredentialFrom(configuration[AzureMonitorAuthentication.SettingName]);
            telemetry.UseAzureMonitorExporter(exporter => exporter.Credential = credential);
        }

        // Set last, so no exporter's own sampler replaces it.
        telemetry.WithTracing(tracing => tracing.SetSampler(new ParentBasedSampler(new RequestTraceSampler())));

        return services;
    }
}
