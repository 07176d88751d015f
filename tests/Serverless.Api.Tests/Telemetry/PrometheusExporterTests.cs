using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Telemetry.Prometheus;

namespace Serverless.Api.Tests.Telemetry;

public sealed class PrometheusExporterTests : IDisposable
{
    private const string MeterName = "Test.Meter";
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Factory => services.GetRequiredService<IMeterFactory>();

    [Fact]
    public void Scrape_WritesEachInstrumentKindInTheTextFormat_SortedAndEscaped()
    {
        using var exporter = new PrometheusExporter(Factory, MeterName);
        var meter = Factory.Create(MeterName);
        var requests = meter.CreateCounter<long>("test_requests_total", description: "Requests.");
        var inFlight = meter.CreateUpDownCounter<int>("test_in_flight", description: "In flight.");
        var latency = meter.CreateHistogram("test_latency_ms", "ms", "Latency.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 100] });
        meter.CreateObservableGauge("test_provider", () => new Measurement<int>(1, new KeyValuePair<string, object?>("provider", "CPU")), description: "Provider.\nSecond line \\ slash");

        requests.Add(2, new("endpoint", "/v1/chat"), new("model", "m\"1\\\n"));
        requests.Add(1, new("model", "m\"1\\\n"), new("endpoint", "/v1/chat"));
        inFlight.Add(3);
        inFlight.Add(-1);
        latency.Record(10);
        latency.Record(50.5);
        latency.Record(1000);

        Assert.Equal(
            """
            # HELP test_in_flight In flight.
            # TYPE test_in_flight gauge
            test_in_flight 2
            # HELP test_latency_ms Latency.
            # TYPE test_latency_ms histogram
            test_latency_ms_bucket{le="10"} 1
            test_latency_ms_bucket{le="100"} 2
            test_latency_ms_bucket{le="+Inf"} 3
            test_latency_ms_sum 1060.5
            test_latency_ms_count 3
            # HELP test_provider Provider.\nSecond line \\ slash
            # TYPE test_provider gauge
            test_provider{provider="CPU"} 1
            # HELP test_requests_total Requests.
            # TYPE test_requests_total counter
            test_requests_total{endpoint="/v1/chat",model="m\"1\\\n"} 3

            """.ReplaceLineEndings("\n"),
            exporter.Scrape());
    }

    [Fact]
    public void Histogram_WithoutAdvice_UsesTheDefaultBuckets_AndLabelsItsBuckets()
    {
        using var exporter = new PrometheusExporter(Factory, MeterName);
        var histogram = Factory.Create(MeterName).CreateHistogram<long>("test_size", description: "Size.");

        histogram.Record(7, new KeyValuePair<string, object?>("model", "a"));

        var text = exporter.Scrape();
        Assert.Contains("test_size_bucket{model=\"a\",le=\"5\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("test_size_bucket{model=\"a\",le=\"10\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("test_size_bucket{model=\"a\",le=\"10000\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("test_size_bucket{model=\"a\",le=\"+Inf\"} 1\ntest_size_sum{model=\"a\"} 7\ntest_size_count{model=\"a\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheNamedMetersOfTheGivenFactory_AreExported()
    {
        using var exporter = new PrometheusExporter(Factory, MeterName);
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var unscoped = new Meter(MeterName);

        Factory.Create("Other.Meter").CreateCounter<long>("other_total").Add(1);
        otherServices.GetRequiredService<IMeterFactory>().Create(MeterName).CreateCounter<long>("foreign_total").Add(1);
        unscoped.CreateCounter<long>("unscoped_total").Add(1);
        Factory.Create(MeterName).CreateCounter<long>("mine_total").Add(1);

        Assert.Equal("# TYPE mine_total counter\nmine_total 1\n", exporter.Scrape());
    }

    [Fact]
    public void ObservableSeries_ThatStopBeingReported_Disappear()
    {
        using var exporter = new PrometheusExporter(Factory, MeterName);
        var models = new List<string> { "a", "b" };
        Factory.Create(MeterName).CreateObservableGauge("test_batch", () => models.Select(m => new Measurement<int>(models.Count, new KeyValuePair<string, object?>("model", m))));

        var first = exporter.Scrape();
        models.Remove("b");
        var second = exporter.Scrape();

        Assert.Contains("test_batch{model=\"b\"} 2\n", first, StringComparison.Ordinal);
        Assert.Equal("# TYPE test_batch gauge\ntest_batch{model=\"a\"} 1\n", second);
    }

    [Fact]
    public void InvalidNames_AreMadeValid()
    {
        using var exporter = new PrometheusExporter(Factory, MeterName);

        Factory.Create(MeterName).CreateCounter<double>("http.server.requests-total").Add(0.5, new KeyValuePair<string, object?>("http.route", 1));

        Assert.Equal("# TYPE http_server_requests_total counter\nhttp_server_requests_total{http_route=\"1\"} 0.5\n", exporter.Scrape());
    }

    public void Dispose() => services.Dispose();
}
