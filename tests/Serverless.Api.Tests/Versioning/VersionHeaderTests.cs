using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Serverless.Testing;

namespace Serverless.Api.Tests.Versioning;

/// <summary>The version header on the real host's answers (in process, over a real Azurite; no worker is reached).</summary>
public sealed class VersionHeaderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly WebApplicationFactory<Program> host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
        .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
        .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
        .UseSetting("Auth:KeyPepper", "version-header-tests-pepper"));

    public void Dispose() => host.Dispose();

    [Theory]
    [InlineData("GET", "healthz", HttpStatusCode.OK)]
    [InlineData("GET", "v1/models", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "v1/no-such-route", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "v1/models", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "healthz?api-version=2026-12-01", HttpStatusCode.OK)]
    public async Task EveryAnswer_ErrorsIncluded_SaysWhichVersionServedIt(string method, string path, HttpStatusCode status)
    {
        using var http = host.CreateClient();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("2026-12-01", Assert.Single(response.Headers.GetValues("x-api-version")));
    }

    [Fact]
    public async Task AnUnknownVersion_Is400InOpenAIsShape_BeforeAuthentication()
    {
        using var http = host.CreateClient();

        using var response = await http.GetAsync("v1/models?api-version=2020-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("2026-12-01", Assert.Single(response.Headers.GetValues("x-api-version")));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("api-version", error.GetProperty("param").GetString());
        Assert.Equal("unsupported_api_version", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }
}
