using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Serverless.Api.Catalog;
using Serverless.Api.Telemetry;

namespace Serverless.Api.Upstreams;

/// <summary>Every catalog deployment's live state on this instance, and the <c>api_deployment_circuit_state</c> gauge of their breakers.</summary>
public sealed class DeploymentStates
{
    private readonly ConcurrentDictionary<string, DeploymentState> states = new(StringComparer.Ordinal);
    private readonly IOptions<CatalogOptions> options;
    private readonly TimeProvider time;

    /// <summary>Registers the gauge on the API's meter.</summary>
    public DeploymentStates(IOptions<CatalogOptions> options, TimeProvider time, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.options = options;
        this.time = time;
        meterFactory.Create(ApiMetrics.MeterName).CreateObservableGauge(
            "api_deployment_circuit_state",
            () => states.Values.Select(s => new Measurement<int>(Gauge(s.Circuit), new KeyValuePair<string, object?>("deployment", s.Name))),
            description: "Each catalog deployment's circuit breaker on this instance: 0 closed, 1 half-open, 2 open.");
    }

    /// <summary>Each deployment this instance has called, by <c>model/deployment</c>, and its circuit: <c>closed</c>, <c>half_open</c> or <c>open</c>.</summary>
    public IReadOnlyDictionary<string, string> Circuits() =>
        states.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToDictionary(s => s.Name, s => s.Circuit switch
        {
            CircuitState.Closed => "closed",
            CircuitState.HalfOpen => "half_open",
            _ => "open",
        });

    /// <summary>The state of <paramref name="deployment"/> of <paramref name="model"/>, made on first use.</summary>
    internal DeploymentState Of(CatalogModel model, Deployment deployment) =>
        states.GetOrAdd($"{model.Id}/{deployment.Id}", name => new DeploymentState(name, options.Value, time));

    private static int Gauge(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 1,
        _ => 2,
    };
}
