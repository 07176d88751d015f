using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Serverless.Testing;

namespace Serverless.Api.Tests.Docs;

/// <summary>
/// <c>/docs</c> over HTTP through the local host: anonymous, under a strict Content-Security-Policy, its assets
/// served from the build (gzipped when asked, cacheable for good by their hashed URLs, 304 on a matching ETag).
/// The page in a browser is tested end to end (<c>DocsPageBrowserTests</c>).
/// </summary>
public sealed partial class DocsPageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Page_IsAnonymous_UnderAStrictContentSecurityPolicy_AndLoadsOnlyItsOwnAssets()
    {
        await using var host = Host();
        using var http = host.CreateClient();

        using var page = await http.GetAsync("docs");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        var assets = AssetUrl().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/docs.js"], assets.Select(a => a[..a.IndexOf('?', StringComparison.Ordinal)]));
        Assert.DoesNotMatch("https?:|//", html); // nothing from a CDN or any other origin
    }

    [Fact]
    public async Task Assets_AnsweredByTheirHashedUrls_AreGzipped_CacheableForGood_AndRevalidateTo304()
    {
        await using var host = Host();
        using var http = host.CreateClient();
        var html = await http.GetStringAsync("docs");
        var bundle = AssetUrl().Matches(html).Select(m => m.Groups[1].Value).Single(a => a.StartsWith("/docs/swagger-ui-bundle.js", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, bundle.TrimStart('/'));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 365 }, $"Cache-Control: {response.Headers.CacheControl}");
        var gzipped = await response.Content.ReadAsByteArrayAsync();
        await using var unzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        using var script = new MemoryStream();
        await unzip.CopyToAsync(script);
        Assert.True(gzipped.Length < script.Length / 2, $"{gzipped.Length} bytes gzipped of {script.Length}");
        Assert.Contains("SwaggerUIBundle", System.Text.Encoding.UTF8.GetString(script.ToArray()), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, bundle.TrimStart('/'));
        again.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnAssetThatIsNotThere_IsAnOpenAI404()
    {
        await using var host = Host();
        using var http = host.CreateClient();

        using var response = await http.GetAsync("docs/secrets.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"unknown_url\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
        .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
        .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
        .UseSetting("Auth:KeyPepper", "docs-tests-pepper-0123456789"));

    [GeneratedRegex("(?:src|href)=\"(/[^\"]+)\"")]
    private static partial Regex AssetUrl();
}
