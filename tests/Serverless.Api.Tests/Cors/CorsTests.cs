using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Serverless.Api.Routing;
using Serverless.Testing;

namespace Serverless.Api.Tests.Cors;

/// <summary>The CORS headers of the real host (in process, over a real Azurite; no worker is reached).</summary>
public sealed class CorsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Listed = "https://app.example.test";
    private readonly List<WebApplicationFactory<Program>> hosts = [];

    public static TheoryData<string> V1Routes() =>
        new(ApiRoutes.All.Where(r => r.Template.StartsWith("v1/", StringComparison.Ordinal)).Select(r => r.Name).Distinct());

    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }
    }

    private HttpClient Client(string? allowedOrigins)
    {
        var host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
                .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
                .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
                .UseSetting("Auth:KeyPepper", "cors-tests-pepper-0123456789");
            if (allowedOrigins is not null)
            {
                b.UseSetting("Cors:AllowedOrigins", allowedOrigins);
            }
        });
        hosts.Add(host);
        return host.CreateClient();
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method, string headers = "authorization, content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.TryGetValues(name, out var content) ? content : []);

    [Theory]
    [MemberData(nameof(V1Routes))]
    public async Task Preflight_OnEveryV1Route_FromAListedOrigin_Is204WithTheRoutesMethodsAndTheHeadersAsked(string name)
    {
        var route = ApiRoutes.Named(name);
        var path = "/" + System.Text.RegularExpressions.Regex.Replace(route.Template, "{[^}]+}", "x1");
        using var http = Client($"https://other.example.test, {Listed}");

        using var response = await http.SendAsync(Preflight(path, Listed, route.Methods[0], "authorization, content-type, api-key, x-api-version, x-stainless-os"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Listed, Header(response, "Access-Control-Allow-Origin"));
        var methods = Header(response, "Access-Control-Allow-Methods").Split(", ");
        Assert.All(route.Methods, m => Assert.Contains(m, methods));
        var headers = Header(response, "Access-Control-Allow-Headers").Split(", ");
        Assert.All(new[] { "authorization", "content-type", "api-key", "x-api-version", "x-stainless-os" }, h => Assert.Contains(h, headers));
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.Contains("Origin", Header(response, "Vary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_FromAnOriginNotListed_GetsNoCorsHeaders_SoTheBrowserRefuses()
    {
        using var http = Client(Listed);

        using var response = await http.SendAsync(Preflight("/v1/chat/completions", "https://evil.example.test", "POST"));

        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(Header(response, "Access-Control-Allow-Origin"));
        Assert.Empty(Header(response, "Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Preflight_WhenCorsIsOff_IsThe405ItAlwaysWas()
    {
        using var http = Client(null);

        using var response = await http.SendAsync(Preflight("/v1/chat/completions", Listed, "POST"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Empty(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_OnAPathNoRouteServes_IsNotAllowed()
    {
        using var http = Client(Listed);

        using var response = await http.SendAsync(Preflight("/v1/no-such-route", Listed, "GET"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Answers_ToAListedOrigin_ErrorsIncluded_NameItAndExposeTheHeadersAClientReads()
    {
        using var http = Client(Listed);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Add("Origin", Listed);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Listed, Header(response, "Access-Control-Allow-Origin"));
        var exposed = Header(response, "Access-Control-Expose-Headers").Split(", ");
        Assert.All(
            new[] { "x-request-id", "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens", "retry-after", "x-api-version" },
            h => Assert.Contains(h, exposed));
        Assert.Contains("Origin", Header(response, "Vary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_ToAnOriginNotListed_CarryNoCorsHeaders()
    {
        using var http = Client(Listed);
        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        request.Headers.Add("Origin", "https://evil.example.test");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Header(response, "Access-Control-Allow-Origin"));
        Assert.Empty(Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task AStar_AllowsEveryOrigin_WithoutNamingIt()
    {
        using var http = Client("*");
        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        request.Headers.Add("Origin", "https://anyone.example.test");

        using var response = await http.SendAsync(request);
        using var preflight = await http.SendAsync(Preflight("/v1/embeddings", "https://anyone.example.test", "POST"));

        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("*", Header(preflight, "Access-Control-Allow-Origin"));
    }
}
