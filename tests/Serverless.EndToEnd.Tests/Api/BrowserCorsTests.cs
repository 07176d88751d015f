using System.Text.Json;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// CORS as only a browser enforces it: headless Chromium loads a page from another loopback origin that calls an
/// API host started with <c>Cors:AllowedOrigins</c> (on the local stack's worker and storage) with <c>fetch</c>.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class BrowserCorsTests(LocalStackFixture stack)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task APageOnAListedOrigin_ReadsTheAnswer_AndItsExposedHeaders_AndAnotherOriginIsRefusedByTheBrowser()
    {
        using var page = new CrossOriginPage();
        await using var api = await ServiceProcess.StartApiAsync(
            stack.Worker.BaseUrl, stack.Secrets.Environment(stack.Storage.ConnectionString), "--Cors:AllowedOrigins", page.Origin.ToString().TrimEnd('/'));
        var (_, listedKey) = await stack.CreateKeyAsync($$$"""{"name":"cors-listed","owner":"cors-{{{Guid.NewGuid():N}}}","limits":{"rpm":1}}""");
        var (_, otherKey) = await stack.CreateKeyAsync($$"""{"name":"cors-other","owner":"cors-{{Guid.NewGuid():N}}"}""");
        await MinuteBoundary.AvoidAsync(secondsNeeded: 40);

        var (listedText, listedLog) = await Chromium.ReadElementAsync(CrossOriginPage.At(page.Origin, api.BaseUrl, listedKey), "result", Budget);
        var (otherText, otherLog) = await Chromium.ReadElementAsync(CrossOriginPage.At(page.OtherOrigin, api.BaseUrl, otherKey), "result", Budget);

        using var listed = Parse(listedText, listedLog);
        var (first, second) = (listed.RootElement.GetProperty("first"), listed.RootElement.GetProperty("second"));
        Assert.True(first.TryGetProperty("status", out var status), $"the listed origin's call failed in the browser: {listedText}\n{listedLog}");
        Assert.Equal(200, status.GetInt32());
        Assert.Equal("chat.completion", first.GetProperty("body").GetProperty("object").GetString());
        Assert.StartsWith("req-", first.GetProperty("requestId").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-12-01", first.GetProperty("version").GetString());
        Assert.Equal("1", first.GetProperty("limitRequests").GetString());
        Assert.True(int.TryParse(first.GetProperty("remainingRequests").GetString(), out _), $"x-ratelimit-remaining-requests was not readable: {listedText}");
        Assert.Equal(JsonValueKind.Null, first.GetProperty("date").ValueKind); // a header not exposed stays hidden from the script
        Assert.Equal(429, second.GetProperty("status").GetInt32());
        Assert.Equal("rate_limit_exceeded", second.GetProperty("body").GetProperty("error").GetProperty("code").GetString());
        Assert.True(int.Parse(second.GetProperty("retryAfter").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);

        using var other = Parse(otherText, otherLog);
        Assert.All(new[] { "first", "second" }, call =>
        {
            var answer = other.RootElement.GetProperty(call);
            Assert.False(answer.TryGetProperty("status", out _), $"the browser let an unlisted origin read the API's answer: {otherText}");
            Assert.Contains("Failed to fetch", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        });
    }

    private static JsonDocument Parse(string text, string browserLog)
    {
        Assert.True(text.StartsWith('{'), $"the page's script did not finish: {text}\n{browserLog}");
        return JsonDocument.Parse(text);
    }
}
