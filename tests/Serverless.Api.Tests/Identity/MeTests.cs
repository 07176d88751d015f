using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Serverless.Testing;

namespace Serverless.Api.Tests.Identity;

/// <summary><c>GET /v1/me</c> through the local host on Azurite: any key learns who it is and what it may do, never a secret.</summary>
public sealed class MeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string AdminKey = "sk-admin-me-tests-0123456789abcdef";
    private readonly WebApplicationFactory<Program> host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
        .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
        .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
        .UseSetting("Auth:KeyPepper", "me-tests-pepper-0123456789abcdef")
        .UseSetting("ADMIN_API_KEY", AdminKey));

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task AReaderKeyWithTwoScopesAndOneModel_SeesExactlyThat_AndNoSecret()
    {
        var (id, secret) = await CreateKeyAsync("""{"name":"me","owner":"tenant-me","role":"reader","scopes":["usage"],"models":["gpt2-tiny"]}""");
        using var http = Client(secret);

        var json = await http.GetStringAsync("v1/me");

        Assert.Equal($$"""{"key_id":"{{id}}","owner":"tenant-me","role":"reader","scopes":["usage"],"models":["gpt2-tiny"],"tier":"default","object":"caller"}""", json);
    }

    [Fact]
    public async Task AKeyCreatedWithNoScopes_ListsEveryScope_AndAnyModelAsNull()
    {
        var (_, secret) = await CreateKeyAsync("""{"name":"me","owner":"tenant-me","role":"user"}""");
        using var http = Client(secret);

        using var me = JsonDocument.Parse(await http.GetStringAsync("v1/me"));

        Assert.Equal("user", me.RootElement.GetProperty("role").GetString());
        Assert.Equal(["admin", "chat", "completions", "embeddings", "jobs", "usage"], me.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, me.RootElement.GetProperty("models").ValueKind);
    }

    [Fact]
    public async Task WithoutAKey_IsA401InOpenAIsShape()
    {
        using var http = host.CreateClient();

        using var answer = await http.GetAsync("v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    private HttpClient Client(string key)
    {
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private async Task<(string Id, string Secret)> CreateKeyAsync(string json)
    {
        using var admin = Client(AdminKey);
        using var created = await admin.PostAsync("v1/admin/keys", new StringContent(json, Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetString()!, body.RootElement.GetProperty("key").GetString()!);
    }
}
