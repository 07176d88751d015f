using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>A worker that is down, fails or hangs: the API answers 503, 502 or 504 in OpenAI's shape.</summary>
public sealed class WorkerFailureTests
{
    private const string ChatBody = """{"model":"broken-model","messages":[{"role":"user","content":"hi"}]}""";
    private const string CompletionBody = """{"model":"broken-model","prompt":"hi"}""";

    [Fact]
    public async Task WhenNoWorkerListens_ModelsAndChatAre503()
    {
        await using var storage = await Azurite.StartAsync();
        var secrets = ApiSecrets.New();
        await using var api = await ServiceProcess.StartApiAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), secrets.Environment(storage.ConnectionString));
        using var http = new HttpClient { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", secrets.AdminKey) } };

        using var models = await http.GetAsync("v1/models");
        using var chat = await http.PostAsync("v1/chat/completions", new StringContent(ChatBody, Encoding.UTF8, "application/json"));

        await ErrorAssertions.AssertOpenAIErrorAsync(models, HttpStatusCode.ServiceUnavailable);
        var error = await ErrorAssertions.AssertOpenAIErrorAsync(chat, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("worker_unavailable", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task WhenTheWorkerFails_ChatIs502_AndWhenItHangs_CompletionIs504()
    {
        await using var worker = await FailingWorker.StartAsync();
        await using var storage = await Azurite.StartAsync();
        var secrets = ApiSecrets.New();
        await using var api = await ServiceProcess.StartApiAsync(worker.BaseUrl, secrets.Environment(storage.ConnectionString), "--Worker:RequestTimeout", "00:00:02");
        using var http = new HttpClient { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", secrets.AdminKey) } };

        using var failed = await http.PostAsync("v1/chat/completions", new StringContent(ChatBody, Encoding.UTF8, "application/json"));
        using var hung = await http.PostAsync("v1/completions", new StringContent(CompletionBody, Encoding.UTF8, "application/json"));

        var failure = await ErrorAssertions.AssertOpenAIErrorAsync(failed, HttpStatusCode.BadGateway);
        Assert.DoesNotContain("secret stack detail", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        await ErrorAssertions.AssertOpenAIErrorAsync(hung, HttpStatusCode.GatewayTimeout);
    }

    [Fact]
    public async Task WhenTheWorkerDiesMidStream_TheStreamEndsWithAnOpenAIErrorEvent()
    {
        await using var worker = await FailingWorker.StartAsync();
        await using var storage = await Azurite.StartAsync();
        var secrets = ApiSecrets.New();
        await using var api = await ServiceProcess.StartApiAsync(worker.BaseUrl, secrets.Environment(storage.ConnectionString));
        using var http = new HttpClient { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", secrets.AdminKey) } };

        using var response = await http.PostAsync("v1/chat/completions", new StringContent("""{"model":"broken-model","messages":[{"role":"user","content":"hi"}],"stream":true}""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"content\":\"Hel\"", text, StringComparison.Ordinal);
        Assert.Contains("data: {\"error\":{", text, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"worker_error\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenStorageIsDown_RequestsFailClosedWith503_NeverAdmittedUnmetered()
    {
        await using var worker = await FailingWorker.StartAsync();
        var storage = await Azurite.StartAsync();
        var secrets = ApiSecrets.New();

        // The stand-in worker's model has no price; a user key may use it only where the operator allows unpriced models.
        await using var api = await ServiceProcess.StartApiAsync(worker.BaseUrl, secrets.Environment(storage.ConnectionString), "--Prices:AllowUnpriced", "true");
        using var admin = new AdminClient(api.BaseUrl, secrets.AdminKey);
        var (_, known) = await admin.CreateKeyAsync("""{"name":"known","owner":"fail-closed","limits":{"rpm":1}}""");
        var (_, unseen) = await admin.CreateKeyAsync("""{"name":"unseen","owner":"fail-closed"}""");
        using var knownClient = new HttpClient { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", known) } };
        using var unseenClient = new HttpClient { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", unseen) } };
        const string models = "v1/models";
        Assert.Equal(HttpStatusCode.OK, (await knownClient.GetAsync(models)).StatusCode);
        // Answered (a stream, even one cut short, counts): it takes the key's whole per-minute lease.
        using var first = await knownClient.PostAsync("v1/chat/completions", new StringContent("""{"model":"broken-model","messages":[{"role":"user","content":"hi"}],"stream":true}""", Encoding.UTF8, "application/json"));
        await first.Content.ReadAsStringAsync();

        await storage.DisposeAsync();
        using var needsNewLease = await knownClient.PostAsync("v1/chat/completions", new StringContent(ChatBody, Encoding.UTF8, "application/json"));
        using var cannotAuthenticate = await unseenClient.PostAsync("v1/chat/completions", new StringContent(ChatBody, Encoding.UTF8, "application/json"));

        var quotaError = await ErrorAssertions.AssertOpenAIErrorAsync(needsNewLease, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("quota_unavailable", quotaError.GetProperty("code").GetString());
        var authError = await ErrorAssertions.AssertOpenAIErrorAsync(cannotAuthenticate, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("auth_unavailable", authError.GetProperty("code").GetString());
    }

    /// <summary>A stand-in worker that lists one model, fails every chat with a 500 (or cuts a chat stream short) and never answers completions.</summary>
    private sealed class FailingWorker : IAsyncDisposable
    {
        private readonly WebApplication app;

        private FailingWorker(WebApplication app, Uri baseUrl)
        {
            this.app = app;
            BaseUrl = baseUrl;
        }

        public Uri BaseUrl { get; }

        public static async Task<FailingWorker> StartAsync()
        {
            var url = $"http://127.0.0.1:{FreePort.Next()}";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(url);
            var app = builder.Build();
            app.MapGet("/v1/models", () => Results.Text(
                """{"object":"list","data":[{"id":"broken-model","object":"model","created":0,"owned_by":"test","capabilities":{"completion":true,"chat":true,"embedding":false,"fine_tuning":false},"context_length":1024,"permission":[]}]}""",
                "application/json"));
            app.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                if (!body.Contains("\"stream\":true", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync("secret stack detail");
                    return;
                }

                // Two events, then the process "dies": the connection is cut mid-stream.
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"broken-model\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n: usage 5 0\n\n");
                await context.Response.WriteAsync("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"broken-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n: usage 5 1\n\n");
                await context.Response.Body.FlushAsync();
                await Task.Delay(100);
                context.Abort();
            });
            app.MapPost("/v1/completions", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
            await app.StartAsync();
            return new FailingWorker(app, new Uri(url + "/"));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
