using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.Versioning;
using Serverless.Testing;

namespace Serverless.Api.Tests.Versioning;

/// <summary>
/// The deprecation headers of the real host (in process, over a real Azurite), with a table declared here: nothing
/// real is deprecated yet, and a test must not deprecate a route for everyone.
/// </summary>
public sealed class DeprecationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string AdminKey = "sk-admin-deprecation-tests-0123456789";
    private static readonly DateTimeOffset Deprecated = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Sunset = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Uri HealthLink = new("https://docs.example.test/changelog#healthz");
    private static readonly Uri VerboseLink = new("https://docs.example.test/changelog#readyz-verbose");
    private static readonly Uri MaxTokensLink = new("https://docs.example.test/changelog#max-tokens");

    private WebApplicationFactory<Program>? host;

    private WebApplicationFactory<Program> Host => host ??= new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
        .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
        .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
        .UseSetting("Auth:KeyPepper", "deprecation-tests-pepper-0123456789")
        .UseSetting("ADMIN_API_KEY", AdminKey)
        .ConfigureTestServices(services => services.AddSingleton(new Deprecations(
        [
            new Deprecation("Health", null, Deprecated, Sunset, HealthLink),
            new Deprecation("Ready", "verbose", Deprecated.AddDays(30), null, VerboseLink),
            new Deprecation("ChatCompletions", "max_tokens", Deprecated, Sunset, MaxTokensLink),
        ]))));

    public void Dispose() => host?.Dispose();

    [Fact]
    public async Task ADeprecatedRoute_AnswersWithDeprecationSunsetAndALinkToTheChangelog()
    {
        using var http = Host.CreateClient();

        using var response = await http.GetAsync("healthz");

        Assert.Equal("@1780272000", Assert.Single(response.Headers.GetValues("Deprecation")));
        Assert.Equal("Tue, 01 Jun 2027 00:00:00 GMT", Assert.Single(response.Headers.GetValues("Sunset")));
        Assert.Equal($"<{HealthLink}>; rel=\"deprecation\"; type=\"text/html\"", Assert.Single(response.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task ADeprecatedQueryParameter_IsFlaggedOnlyWhenSent()
    {
        using var http = Host.CreateClient();

        using var sent = await http.GetAsync("readyz?verbose=1");
        using var notSent = await http.GetAsync("readyz");

        Assert.Equal("@" + Deprecated.AddDays(30).ToUnixTimeSeconds(), Assert.Single(sent.Headers.GetValues("Deprecation")));
        Assert.False(sent.Headers.Contains("Sunset"));
        Assert.Contains(VerboseLink.ToString(), Assert.Single(sent.Headers.GetValues("Link")), StringComparison.Ordinal);
        Assert.False(notSent.Headers.Contains("Deprecation"));
        Assert.False(notSent.Headers.Contains("Link"));
    }

    [Fact]
    public async Task ADeprecatedBodyParameter_IsFlaggedOnlyWhenSent_EvenOnAnAnswerThatFailed()
    {
        using var http = await ClientWithNewKeyAsync();

        using var sent = await http.PostAsync("v1/chat/completions", Json("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":3}"""));
        using var notSent = await http.PostAsync("v1/chat/completions", Json("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":3}"""));

        Assert.Equal("@1780272000", Assert.Single(sent.Headers.GetValues("Deprecation")));
        Assert.Equal("Tue, 01 Jun 2027 00:00:00 GMT", Assert.Single(sent.Headers.GetValues("Sunset")));
        Assert.Contains(MaxTokensLink.ToString(), Assert.Single(sent.Headers.GetValues("Link")), StringComparison.Ordinal);
        Assert.False(notSent.Headers.Contains("Deprecation"));
    }

    [Fact]
    public async Task ARouteNotInTheTable_HasNoDeprecationHeaders()
    {
        using var http = Host.CreateClient();

        using var response = await http.GetAsync("v1/models");

        Assert.False(response.Headers.Contains("Deprecation"));
        Assert.False(response.Headers.Contains("Sunset"));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpClient> ClientWithNewKeyAsync()
    {
        using var admin = Host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var created = await admin.PostAsync("v1/admin/keys", Json("""{"name":"deprecation","owner":"deprecation-tests"}"""));
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var http = Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("key").GetString());
        return http;
    }
}
