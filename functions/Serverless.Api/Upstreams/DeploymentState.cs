using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Serverless.Api.Catalog;

namespace Serverless.Api.Upstreams;

/// <summary>
/// One deployment's live state on this instance: its calls in flight and its circuit breaker, which opens when the
/// share of failed calls (5xx, 429, a timeout or a refused connection before the answer's headers) passes the
/// configured ratio, and after the break lets one probe through (half-open) to decide whether to close.
/// </summary>
internal sealed class DeploymentState
{
    private readonly CircuitBreakerStateProvider circuit = new();
    private readonly TimeProvider time;
    private int outstanding;
    private DateTimeOffset probeAfter;

    /// <summary>Builds the breaker from <paramref name="options"/>.</summary>
    public DeploymentState(string name, CatalogOptions options, TimeProvider time)
    {
        Name = name;
        this.time = time;
        Breaker = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                StateProvider = circuit,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
                OnOpened = args =>
                {
                    probeAfter = this.time.GetUtcNow() + args.BreakDuration;
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary><c>model/deployment</c>, as metrics and readiness name it.</summary>
    public string Name { get; }

    /// <summary>The breaker every call to the deployment goes through, up to the answer's headers.</summary>
    public ResiliencePipeline<HttpResponseMessage> Breaker { get; }

    /// <summary>The circuit's state.</summary>
    public CircuitState Circuit => circuit.CircuitState;

    /// <summary>The load the planner sees: an open circuit refuses calls until its break is over (then one call probes it).</summary>
    public DeploymentLoad Load => new(
        Circuit == CircuitState.Isolated || (Circuit == CircuitState.Open && time.GetUtcNow() < probeAfter),
        Volatile.Read(ref outstanding));

    /// <summary>Counts a call in flight unless that would pass <paramref name="cap"/>; false when it would.</summary>
    public bool TryEnter(int? cap)
    {
        while (true)
        {
            var now = Volatile.Read(ref outstanding);
            if (cap is { } max && now >= max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref outstanding, now + 1, now) == now)
            {
                return true;
            }
        }
    }

    /// <summary>Ends a call counted by <see cref="TryEnter"/>.</summary>
    public void Exit() => Interlocked.Decrement(ref outstanding);

    /// <summary>Whether an attempt's outcome counts against the deployment (and lets the request try the next one).</summary>
    public static bool IsFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests || (int?)outcome.Result?.StatusCode >= 500;
}
