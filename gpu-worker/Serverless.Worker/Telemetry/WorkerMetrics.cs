using System.Diagnostics;
using System.Diagnostics.Metrics;
using Serverless.Inference;

namespace Serverless.Worker.Telemetry;

/// <summary>
/// The worker's instruments: tokens generated and time to first token per model, and, read from the catalog at
/// scrape time, each model's decoding batch size and waiting requests and the execution provider in use.
/// </summary>
internal sealed class WorkerMetrics
{
    /// <summary>The meter (and activity source) name.</summary>
    public const string MeterName = "Serverless.Worker";

    private static readonly double[] LatencyBuckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000];

    private readonly Counter<long> tokens;
    private readonly Histogram<double> firstToken;

    public WorkerMetrics(IMeterFactory meterFactory, ModelCatalog catalog)
    {
        var meter = meterFactory.Create(MeterName);
        tokens = meter.CreateCounter<long>("worker_tokens_generated_total", description: "Completion tokens generated, by model; its rate is the worker's tokens per second.");
        firstToken = meter.CreateHistogram("worker_time_to_first_token_ms", "ms", "Time from a choice's arrival at the engine to its first token (queueing and prefill), in milliseconds.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        meter.CreateObservableGauge("worker_batch_size", () => Generation(catalog, s => s.ActiveSequences),
            description: "Sequences in the model's running decoding batch.");
        meter.CreateObservableGauge("worker_queue_depth", () => Generation(catalog, s => s.WaitingRequests),
            description: "Requests waiting to join the model's decoding batch.");
        meter.CreateObservableGauge("worker_execution_provider", () => new Measurement<int>(1, new KeyValuePair<string, object?>("provider", catalog.ExecutionProvider)),
            description: "Always 1; the provider label says where the models run (CUDA or CPU).");
    }

    /// <summary>A choice of <paramref name="model"/> produced its first token <paramref name="elapsed"/> after it was queued.</summary>
    public void FirstToken(string model, TimeSpan elapsed) => firstToken.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("model", model));

    /// <summary>A choice of <paramref name="model"/> ended (finished, stopped or cancelled) after <paramref name="count"/> tokens.</summary>
    public void TokensGenerated(string model, int count)
    {
        if (count > 0)
        {
            tokens.Add(count, new KeyValuePair<string, object?>("model", model));
        }
    }

    private static IEnumerable<Measurement<int>> Generation(ModelCatalog catalog, Func<GenerationStatistics, int> figure)
    {
        foreach (var manifest in catalog.Models)
        {
            if (catalog.TryGetGeneration(manifest.Id, out var model))
            {
                yield return new Measurement<int>(figure(model.Statistics), new KeyValuePair<string, object?>("model", manifest.Id));
            }
        }
    }
}
