using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Serverless.Telemetry.Prometheus;

/// <summary>
/// Keeps the measurements of chosen meters in memory and writes them in the Prometheus text format (0.0.4) on
/// request. Counters, up-down counters, gauges (observable or not) and histograms are supported; a histogram's
/// buckets are the instrument's advised boundaries. Only meters made by the given <see cref="IMeterFactory"/>
/// count, so two hosts in one process (tests) never mix their figures.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricFamily> families = new();
    private readonly Lock scrapeGate = new();

    /// <summary>Starts listening to the meters named <paramref name="meterNames"/> that <paramref name="meterFactory"/> creates.</summary>
    public PrometheusExporter(IMeterFactory meterFactory, params IReadOnlyList<string> meterNames)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory)
                && meterNames.Contains(instrument.Meter.Name, StringComparer.Ordinal)
                && MetricFamily.For(instrument) is { } family)
            {
                families[instrument] = family;
                l.EnableMeasurementEvents(instrument, family);
            }
        };
        listener.MeasurementsCompleted = (instrument, _) => families.TryRemove(instrument, out MetricFamily? _);
        listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricFamily)state!).Record((double)value, tags));
        listener.Start();
    }

    /// <summary>Runs the observable instruments' callbacks and returns every family as Prometheus text, sorted by name.</summary>
    public string Scrape()
    {
        // One scrape at a time: observable families are cleared and refilled by their callbacks.
        lock (scrapeGate)
        {
            var current = families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
            foreach (var family in current)
            {
                family.ClearObservations();
            }

            listener.RecordObservableInstruments();
            var text = new StringBuilder(4096);
            foreach (var family in current)
            {
                family.WriteTo(text);
            }

            return text.ToString();
        }
    }

    /// <summary>Answers a scrape: 200 with the text format's content type.</summary>
    public Task WriteAsync(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = PrometheusText.ContentType;
        response.Headers.CacheControl = "no-store";
        return response.WriteAsync(Scrape(), Encoding.UTF8, response.HttpContext.RequestAborted);
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => listener.Dispose();
}
