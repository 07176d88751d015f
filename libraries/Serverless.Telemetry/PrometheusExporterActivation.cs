using Microsoft.Extensions.Hosting;
using Serverless.Telemetry.Prometheus;

namespace Serverless.Telemetry;

/// <summary>Makes the host create the <see cref="PrometheusExporter"/> as it starts, before the first measurement.</summary>
internal sealed class PrometheusExporterActivation(PrometheusExporter exporter) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(exporter);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
