using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Testing;

namespace Serverless.Api.Tests.Telemetry;

/// <summary>What the request log of the real host (in process, over a real Azurite) says about who called.</summary>
public sealed class RequestLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string AdminKey = "sk-admin-request-log-tests-0123456789";
    private readonly RequestLogEntries log = new();
    private WebApplicationFactory<Program>? host;

    private WebApplicationFactory<Program> Host => host ??= new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
        .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
        .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
        .UseSetting("Auth:KeyPepper", "request-log-tests-pepper-0123456789")
        .UseSetting("ADMIN_API_KEY", AdminKey)
        .ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(log))));

    public void Dispose() => host?.Dispose();

    [Fact]
    public async Task RequestLog_NamesTheUserAgent_AndTheBodysUser_OfAnInferenceCall()
    {
        using var http = await ClientWithNewKeyAsync();
        using var request = Post("v1/chat/completions", """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"user":"end-user-7"}""", "req-log-user");
        request.Headers.UserAgent.ParseAdd("request-log-tests/2.0");

        using var response = await http.SendAsync(request);

        var entry = log.Of("req-log-user");
        Assert.Equal("request-log-tests/2.0", entry["user_agent"]);
        Assert.Equal("end-user-7", entry["user"]);
    }

    [Fact]
    public async Task RequestLog_HasNoUser_WhenTheBodySendsNone_AndNeverTheKey()
    {
        using var http = await ClientWithNewKeyAsync();
        using var request = Post("v1/embeddings", """{"model":"all-minilm-l6-v2","input":"hi"}""", "req-log-no-user");

        using var response = await http.SendAsync(request);

        var entry = log.Of("req-log-no-user");
        Assert.Null(entry["user"]);
        Assert.Null(entry["user_agent"]);
        var secret = http.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.DoesNotContain(entry.Values, v => v?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task RequestLog_CutsALongUserAgent()
    {
        using var http = Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        request.Headers.Add("x-request-id", "req-log-long-agent");
        request.Headers.TryAddWithoutValidation("User-Agent", new string('a', 5000));

        using var response = await http.SendAsync(request);

        Assert.Equal(512, ((string)log.Of("req-log-long-agent")["user_agent"]!).Length);
    }

    private static HttpRequestMessage Post(string path, string json, string requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-request-id", requestId);
        return request;
    }

    private async Task<HttpClient> ClientWithNewKeyAsync()
    {
        using var admin = Host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var created = await admin.PostAsync("v1/admin/keys", new StringContent("""{"name":"request-log","owner":"request-log-tests"}""", Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var http = Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("key").GetString());
        return http;
    }
}
