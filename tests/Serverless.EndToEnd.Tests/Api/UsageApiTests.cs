using System.Net;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>The usage API and the admin price table through the real local stack on Azurite: shape, access and editing.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class UsageApiTests(LocalStackFixture stack)
{
    private static readonly string[] RowFields = ["timestamp", "model", "prompt_tokens", "completion_tokens", "total_tokens", "requests", "cost", "errors", "rate_limited", "cached"];
    private static readonly string[] TotalFields = ["prompt_tokens", "completion_tokens", "total_tokens", "requests", "cost", "errors", "rate_limited", "cached"];

    private static void AssertSeedShape(JsonElement root)
    {
        Assert.Equal(["object", "data", "total"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("list", root.GetProperty("object").GetString());
        foreach (var row in root.GetProperty("data").EnumerateArray())
        {
            Assert.Equal(RowFields, row.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(TotalFields, root.GetProperty("total").EnumerateObject().Select(p => p.Name));
        Assert.All(root.GetProperty("total").EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
    }

    [Theory]
    [InlineData("v1/usage")]
    [InlineData("v1/usage?group_by=day")]
    [InlineData("v1/usage?start=2026-01-01&end=2026-01-31&group_by=model")]
    [InlineData("v1/usage?start=1767225600&end=1767312000")]
    [InlineData("v1/usage/daily")]
    [InlineData("v1/usage/daily?date=2026-02-28")]
    public async Task Usage_OfANewTenant_IsAnEmptyListInTheSeedsShape(string path)
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"usage-shape","owner":"tenant-usage-new"}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var response = await http.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        AssertSeedShape(document.RootElement);
        Assert.Empty(document.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(0, document.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
    }

    [Theory]
    [InlineData("v1/usage?start=last-week", "start")]
    [InlineData("v1/usage?end=2026-02-30", "end")]
    [InlineData("v1/usage?start=2026-03-05&end=2026-03-01", "end")]
    [InlineData("v1/usage?start=2020-01-01&end=2026-01-01", "start")]
    [InlineData("v1/usage?group_by=week", "group_by")]
    [InlineData("v1/usage/daily?date=03/01/2026", "date")]
    public async Task Usage_WithBadParameters_Is400NamingIt(string path, string param)
    {
        using var http = stack.CreateHttpClient();

        using var response = await http.GetAsync(path);

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, param);
    }

    [Fact]
    public async Task Usage_OfAnotherOwner_IsForbiddenToUsers_AndOpenToAdmins()
    {
        using var user = stack.CreateHttpClient();
        using var admin = stack.CreateAdminClient();

        using var denied = await user.GetAsync("v1/usage?owner=tenant-someone-else");
        using var own = await user.GetAsync("v1/usage?owner=e2e-tenant");
        using var allowed = await admin.SendAsync(HttpMethod.Get, "v1/usage/daily?owner=tenant-someone-else");

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(denied, HttpStatusCode.Forbidden, "owner");
        Assert.Equal("permission_denied", error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Theory]
    [InlineData("""{"role":"reader"}""", HttpStatusCode.OK)]
    [InlineData("""{"role":"user","scopes":["usage"]}""", HttpStatusCode.OK)]
    [InlineData("""{"role":"user","scopes":["chat"]}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"role":"reader","scopes":["embeddings"]}""", HttpStatusCode.Forbidden)]
    public async Task Usage_NeedsTheUsageScope_WhichReadersHave(string spec, HttpStatusCode expected)
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"usage-access","owner":"tenant-usage-access",""" + spec[1..]);
        using var http = stack.CreateHttpClient(key: secret);

        using var usage = await http.GetAsync("v1/usage");
        using var daily = await http.GetAsync("v1/usage/daily");

        Assert.Equal((expected, expected), (usage.StatusCode, daily.StatusCode));
    }

    [Fact]
    public async Task Usage_WithoutAKey_Is401()
    {
        using var http = stack.CreateHttpClient(key: string.Empty);
        http.DefaultRequestHeaders.Authorization = null;

        using var response = await http.GetAsync("v1/usage");

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminPrices_CanBeSetListedReadAndRemoved()
    {
        using var admin = stack.CreateAdminClient();

        using var put = await admin.SendAsync(HttpMethod.Put, "v1/admin/prices/e2e-priced-model", """{"input_per_1k": 0.5, "output_per_1k": 1.5}""");
        var putBody = await put.Content.ReadAsStringAsync();
        using var list = await admin.SendAsync(HttpMethod.Get, "v1/admin/prices");
        var listBody = await list.Content.ReadAsStringAsync();
        using var one = await admin.SendAsync(HttpMethod.Get, "v1/admin/prices/e2e-priced-model");
        using var removed = await admin.SendAsync(HttpMethod.Delete, "v1/admin/prices/e2e-priced-model");
        using var gone = await admin.SendAsync(HttpMethod.Get, "v1/admin/prices/e2e-priced-model");

        Assert.True(put.StatusCode == HttpStatusCode.OK, putBody);
        using var price = JsonDocument.Parse(putBody);
        Assert.Equal("model_price", price.RootElement.GetProperty("object").GetString());
        Assert.Equal("e2e-priced-model", price.RootElement.GetProperty("model").GetString());
        Assert.Equal(0.5m, price.RootElement.GetProperty("input_per_1k").GetDecimal());
        Assert.Equal(1.5m, price.RootElement.GetProperty("output_per_1k").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var listed = JsonDocument.Parse(listBody);
        Assert.Equal("list", listed.RootElement.GetProperty("object").GetString());
        Assert.Contains(listed.RootElement.GetProperty("data").EnumerateArray(), p => p.GetProperty("model").GetString() == "e2e-priced-model");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var error = await ErrorAssertions.AssertOpenAIErrorAsync(gone, HttpStatusCode.NotFound, "model");
        Assert.Equal("price_not_found", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AdminPrice_ForAModelIdWithASlash_RoundTrips()
    {
        using var admin = stack.CreateAdminClient();

        using var put = await admin.SendAsync(HttpMethod.Put, "v1/admin/prices/org%2Fe2e-model", """{"input_per_1k": 0.001, "output_per_1k": 0}""");
        using var read = await admin.SendAsync(HttpMethod.Get, "v1/admin/prices/org%2Fe2e-model");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains("\"model\":\"org/e2e-model\"", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"input_per_1k": -1, "output_per_1k": 1}""", "input_per_1k")]
    [InlineData("""{"input_per_1k": 1, "output_per_1k": 1000000}""", "output_per_1k")]
    [InlineData("""{"output_per_1k": 1}""", "input_per_1k")]
    [InlineData("""{"input_per_1k": 1}""", "output_per_1k")]
    [InlineData("""{"input_per_1k": "cheap", "output_per_1k": 1}""", "input_per_1k")]
    [InlineData("""{"input_per_1k": 0.00000000001, "output_per_1k": 1}""", "input_per_1k")]
    public async Task AdminPrice_WithBadValues_Is400NamingTheField(string body, string param)
    {
        using var admin = stack.CreateAdminClient();

        using var response = await admin.SendAsync(HttpMethod.Put, "v1/admin/prices/gpt2-tiny", body);

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, param);
    }

    [Fact]
    public async Task AdminPrices_AreForAdminsOnly()
    {
        using var user = stack.CreateHttpClient();

        using var list = await user.GetAsync("v1/admin/prices");
        using var put = await user.PutAsync("v1/admin/prices/gpt2-tiny", new StringContent("""{"input_per_1k":0,"output_per_1k":0}""", System.Text.Encoding.UTF8, "application/json"));

        await ErrorAssertions.AssertOpenAIErrorAsync(list, HttpStatusCode.Forbidden);
        await ErrorAssertions.AssertOpenAIErrorAsync(put, HttpStatusCode.Forbidden);
    }
}
