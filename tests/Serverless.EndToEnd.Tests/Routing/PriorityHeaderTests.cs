using System.Net;

namespace Serverless.EndToEnd.Tests.Routing;

/// <summary>The caller's class is for our own worker only: an <c>openai</c> deployment never hears of it.</summary>
[Collection(RoutingStackCollection.Name)]
public sealed class PriorityHeaderTests(RoutingStackFixture stack)
{
    [Fact]
    public async Task AHighClassCall_ToAnOpenAIDeployment_CarriesNoPriorityHeader()
    {
        await stack.PutModelAsync("external-only", $$"""
            {"capabilities":["chat"],"context_length":1024,"deployments":[
              {"id":"external","kind":"openai","base_url":"{{stack.Upstream.UrlOf("plain")}}","credential":"{{RoutingStackFixture.SecondWorkerCredential}}"}]}
            """,
            pricePer1K: 1m);
        using var admin = stack.CreateAdminClient();
        var (_, key) = await admin.CreateKeyAsync("""{"name":"routing-priority","owner":"routing-priority","role":"user","limits":{"priority":"high"}}""");
        using var http = stack.CreateHttpClient(key);

        using var response = await RoutingStackFixture.ChatAsync(http, "external-only");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("external", response.Headers.GetValues("x-served-by").Single());
        Assert.Equal((true, (string?)null), stack.Upstream.PriorityOf("plain"));
    }
}
