using System.Net;
using System.Security.Cryptography;
using System.Text;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>One request, one trace: the caller's trace continues through the API's spans into the worker's.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class TracingTests(LocalStackFixture stack)
{
    [Fact]
    public async Task OneRequest_MakesOneTrace_FromTheCallerThroughTheApiIntoTheWorker()
    {
        // A worker and an API of their own, printing their spans (OpenTelemetry's console exporter).
        var secrets = ApiSecrets.New();
        await using var worker = await ServiceProcess.StartWorkerAsync(secrets.WorkerKey, null, "--Telemetry:ConsoleExporter", "true");
        await using var api = await ServiceProcess.StartApiAsync(worker.BaseUrl, secrets.Environment(stack.Storage.ConnectionString), "--Telemetry:ConsoleExporter", "true");
        using var admin = new AdminClient(api.BaseUrl, secrets.AdminKey);
        var (_, key) = await admin.CreateKeyAsync("""{"name":"tracing","owner":"obs-trace"}""");
        stack.RememberSecret(key);
        var (traceId, callerSpanId) = (Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));

        using var http = new HttpClient { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", key) } };
        const string Chat = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"trace me"}],"max_tokens":2}""";

        // A first request creates tables and takes counter leases: dozens of storage spans the output need not hold.
        using (await http.PostAsync("v1/chat/completions", new StringContent(Chat, Encoding.UTF8, "application/json")))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(Chat, Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // caller -> API request span -> API worker-call span -> HttpClient's span -> worker request span
        var apiServer = await Spans.FindAsync(api, traceId, s => s.GetValueOrDefault("Kind") == "Server");
        var relay = await Spans.FindAsync(api, traceId, s => s.GetValueOrDefault("DisplayName") == "worker POST /v1/chat/completions");
        var workerServer = await Spans.FindAsync(worker, traceId, s => s.GetValueOrDefault("Kind") == "Server");
        var httpCall = await Spans.FindAsync(api, traceId, s => s.GetValueOrDefault("SpanId") == workerServer["ParentSpanId"]);
        Assert.Equal("POST /v1/chat/completions", apiServer["DisplayName"]);
        Assert.Equal(callerSpanId, apiServer["ParentSpanId"]);
        Assert.Equal(apiServer["SpanId"], relay["ParentSpanId"]);
        Assert.Equal(relay["SpanId"], httpCall["ParentSpanId"]);
        Assert.Equal("Client", httpCall["Kind"]);
        Assert.Equal("POST /v1/chat/completions", workerServer["DisplayName"]);
    }
}
