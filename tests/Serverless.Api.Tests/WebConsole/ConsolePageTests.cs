using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Serverless.Testing;

namespace Serverless.Api.Tests.WebConsole;

/// <summary>
/// <c>/console</c> over HTTP through the local host: anonymous (the page asks for a key), under the strict page
/// policy, revalidated on each visit, loading only its own hashed assets, which may be cached for good. The console
/// in a browser is tested end to end (<c>ConsoleBrowserTests</c>).
/// </summary>
public sealed partial class ConsolePageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Page_IsAnonymous_UnderAStrictContentSecurityPolicy_AndNamesOnlyItsOwnHashedAssets()
    {
        await using var host = Host();
        using var http = host.CreateClient();

        using var page = await http.GetAsync("console");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        var assets = AssetUrl().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        Assert.All(assets, a => Assert.Matches(@"^/console/assets/[\w.-]+-[\w-]{8}\.(js|css)$", a));
        Assert.DoesNotMatch("https?:|//|<script>|<style|style=", html); // nothing from elsewhere, nothing inline
    }

    [Fact]
    public async Task EveryAssetThePageNames_IsServed_GzippedWhenAsked_CacheableForGood_AndRevalidatesTo304()
    {
        await using var host = Host();
        using var http = host.CreateClient();
        var html = await http.GetStringAsync("console/");

        foreach (var asset in AssetUrl().Matches(html).Select(m => m.Groups[1].Value))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset.TrimStart('/'));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
            Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 365 }, $"{asset}: Cache-Control: {response.Headers.CacheControl}");
            Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));

            using var again = new HttpRequestMessage(HttpMethod.Get, asset.TrimStart('/'));
            again.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var revalidated = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        }
    }

    [Theory]
    [InlineData("console/assets/secrets.json")]
    [InlineData("console/assets/..%2Fappsettings.json")]
    [InlineData("console/src/main.tsx")]
    public async Task APathThatIsNotAnAsset_IsAnOpenAI404(string path)
    {
        await using var host = Host();
        using var http = host.CreateClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"unknown_url\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
        .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
        .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
        .UseSetting("Auth:KeyPepper", "console-tests-pepper-0123456789"));

    [GeneratedRegex("(?:src|href)=\"(/[^\"]+)\"")]
    private static partial Regex AssetUrl();
}
