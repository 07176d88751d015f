using System.Net;
using System.Security.Cryptography;
using System.Text;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>One async job, one trace: the submit request's span, the orchestration's spans and the worker's job span.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class JobTracingTests(LocalStackFixture shared)
{
    [Fact]
    public async Task OneJob_MakesOneTrace_FromTheSubmitThroughTheOrchestrationToTheWorker()
    {
        await using var stack = await JobStack.StartAsync(shared, "--Telemetry:ConsoleExporter", "true");
        await stack.StartJobWorkerAsync("--Telemetry:ConsoleExporter", "true");
        using var http = stack.CreateHttpClient(await stack.CreateKeyAsync("""{"name":"jobs-trace","owner":"jobs-trace"}"""));
        var (traceId, callerSpanId) = (Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/async/completions")
        {
            Content = new StringContent("""{"model":"gpt2-tiny","prompt":"trace me","max_tokens":3}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await AsyncJobs.WaitForAsync(http, id, TimeSpan.FromSeconds(60));

        var submit = await Spans.FindAsync(stack.Api, traceId, s => s.GetValueOrDefault("Kind") == "Server" && s.GetValueOrDefault("DisplayName") == "POST /v1/async/completions");
        var job = await Spans.FindAsync(stack.JobWorker, traceId, s => s.GetValueOrDefault("DisplayName") == "job");
        var end = await Spans.FindAsync(stack.Api, traceId, s => s.GetValueOrDefault("DisplayName")?.Contains("EndJobActivity", StringComparison.Ordinal) == true);
        Assert.Equal(callerSpanId, submit["ParentSpanId"]);
        Assert.Equal(submit["SpanId"], job["ParentSpanId"]);
        Assert.Equal(id, job.GetValueOrDefault("job.id"));
        Assert.NotNull(end);
    }
}
