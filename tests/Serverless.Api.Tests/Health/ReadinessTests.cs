using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Serverless.Api.Tests.Usage;
using Serverless.Testing;

namespace Serverless.Api.Tests.Health;

/// <summary>
/// <c>/readyz</c> of the real host (in process) over a real Azurite and a stand-in worker: it is unauthenticated, so
/// calling it often must neither load the worker nor wake one scaled to zero, and it tells strangers only the status.
/// </summary>
public sealed class ReadinessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string WorkerKey = "worker-key-readiness-tests-0123456789";
    private const string MetricsToken = "metrics-readiness-tests-0123456789";
    private const string AdminKey = "sk-admin-readiness-tests-0123456789";

    [Fact]
    public async Task Readyz_ManyCallsWithinTheCacheWindow_CallTheWorkerOnce()
    {
        await using var worker = await CountingWorker.StartAsync(WorkerKey);
        await using var host = Host(worker, probeWorker: true, cacheTtl: "00:00:30");
        using var http = host.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await http.GetAsync("readyz");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, """{"status":"ready"}"""), a));
        Assert.Equal(1, worker.Count("/healthz"));
        Assert.Single(worker.Requests);
    }

    [Fact]
    public async Task Readyz_GivesAnonymousCallersOnlyTheStatus_AndOperatorsTheDetail()
    {
        await using var worker = await CountingWorker.StartAsync(WorkerKey);
        await using var host = Host(worker, probeWorker: true, cacheTtl: "00:00:30");

        var anonymous = await ReadyAsync(host, null);
        var wrongToken = await ReadyAsync(host, "metrics-not-the-token-0123456789");
        var byToken = await ReadyAsync(host, MetricsToken);
        var byAdmin = await ReadyAsync(host, AdminKey);

        Assert.Equal("""{"status":"ready"}""", anonymous);
        Assert.Equal("""{"status":"ready"}""", wrongToken);
        foreach (var detail in new[] { byToken, byAdmin })
        {
            using var json = JsonDocument.Parse(detail);
            Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("ok", json.RootElement.GetProperty("storage").GetString());
            Assert.Equal("ok", json.RootElement.GetProperty("worker").GetString());
            Assert.Equal("probe", json.RootElement.GetProperty("worker_source").GetString());
        }
    }

    [Fact]
    public async Task Readyz_WhereTheWorkerMayScaleToZero_NeverCallsIt_AndReportsWhatRealTrafficMet()
    {
        await using var worker = await CountingWorker.StartAsync(WorkerKey);
        await using var host = Host(worker, probeWorker: false, cacheTtl: "00:00:01");

        using var before = JsonDocument.Parse(await ReadyAsync(host, MetricsToken));
        using var admin = Client(host, AdminKey);
        using var models = await admin.GetAsync("v1/models");
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // past the cache window
        using var after = JsonDocument.Parse(await ReadyAsync(host, MetricsToken));

        Assert.Equal("ready", before.RootElement.GetProperty("status").GetString());
        Assert.Equal("unknown", before.RootElement.GetProperty("worker").GetString());
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal("ok", after.RootElement.GetProperty("worker").GetString());
        Assert.Equal("observed", after.RootElement.GetProperty("worker_source").GetString());
        Assert.Equal(["/v1/models"], worker.Requests.Select(r => r.Path)); // readiness itself never called it
    }

    [Fact]
    public async Task Gateway_PresentsTheWorkerKey_AndAWorkerRefusingItMakesReadinessFail()
    {
        await using var worker = await CountingWorker.StartAsync("worker-key-the-gateway-does-not-have");
        await using var host = Host(worker, probeWorker: false, cacheTtl: "00:00:01");
        using var admin = Client(host, AdminKey);

        using var models = await admin.GetAsync("v1/models");
        using var ready = JsonDocument.Parse(await ReadyAsync(host, MetricsToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, models.StatusCode);
        Assert.All(worker.Requests, r => Assert.Equal($"Bearer {WorkerKey}", r.Authorization));
        Assert.Equal("not_ready", ready.RootElement.GetProperty("status").GetString());
        Assert.Equal("unavailable", ready.RootElement.GetProperty("worker").GetString());
        Assert.Equal("answered 401", ready.RootElement.GetProperty("worker_reason").GetString());
    }

    private WebApplicationFactory<Program> Host(CountingWorker worker, bool probeWorker, string cacheTtl) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Worker:BaseUrl", worker.BaseUrl.ToString())
            .UseSetting("Worker:ApiKey", WorkerKey)
            .UseSetting("Readiness:ProbeWorker", probeWorker ? "true" : "false")
            .UseSetting("Readiness:CacheTtl", cacheTtl)
            .UseSetting("Metrics:Token", MetricsToken)
            .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
            .UseSetting("Auth:KeyPepper", "readiness-tests-pepper-0123456789")
            .UseSetting("ADMIN_API_KEY", AdminKey));

    private static HttpClient Client(WebApplicationFactory<Program> host, string? key)
    {
        var http = host.CreateClient();
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    private static async Task<string> ReadyAsync(WebApplicationFactory<Program> host, string? key)
    {
        using var http = Client(host, key);
        using var response = await http.GetAsync("readyz");
        return await response.Content.ReadAsStringAsync();
    }
}
