using System.Net;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests.Routing;

/// <summary>The catalog's admin API over HTTP: write, read, list, delete, and 400s that name the field.</summary>
[Collection(RoutingStackCollection.Name)]
public sealed class CatalogAdminTests(RoutingStackFixture stack)
{
    [Fact]
    public async Task Catalog_PutGetListDelete_KeepsTheCredentialAsAReferenceOnly_AndListsTheModelInV1Models()
    {
        using var admin = stack.CreateAdminClient();
        var json = $$"""
            {"capabilities":["chat","completion"],"context_length":1024,"aliases":["admin-alias"],
             "deployments":[{"id":"w2","kind":"openai","base_url":"{{stack.SecondWorkerV1}}","model":"gpt2-tiny","credential":"{{RoutingStackFixture.SecondWorkerCredential}}","priority":2,"max_concurrency":4,"timeout_seconds":30}]}
            """;

        using var put = await admin.SendAsync(HttpMethod.Put, "v1/admin/models/admin-model", json);
        using var one = await admin.SendAsync(HttpMethod.Get, "v1/admin/models/admin-model");
        using var list = await admin.SendAsync(HttpMethod.Get, "v1/admin/models");
        using var models = await admin.SendAsync(HttpMethod.Get, "v1/models");
        using var byAlias = await admin.SendAsync(HttpMethod.Get, "v1/models/admin-alias");
        var stored = await one.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var document = JsonDocument.Parse(stored))
        {
            var deployment = document.RootElement.GetProperty("deployments")[0];
            Assert.Equal("catalog.model", document.RootElement.GetProperty("object").GetString());
            Assert.Equal(RoutingStackFixture.SecondWorkerCredential, deployment.GetProperty("credential").GetString());
            Assert.Equal((2, 4, 30), (deployment.GetProperty("priority").GetInt32(), deployment.GetProperty("max_concurrency").GetInt32(), deployment.GetProperty("timeout_seconds").GetInt32()));
        }

        Assert.DoesNotContain(stack.Secrets.WorkerKey, stored, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"admin-model\"", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var listed = await models.Content.ReadAsStringAsync();
        Assert.Contains("\"id\":\"admin-model\"", listed, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"gpt2-tiny\"", listed, StringComparison.Ordinal); // the worker's models stay listed
        Assert.Contains("\"id\":\"admin-model\"", await byAlias.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var deleted = await admin.SendAsync(HttpMethod.Delete, "v1/admin/models/admin-model");
        using var gone = await admin.SendAsync(HttpMethod.Get, "v1/admin/models/admin-model");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await ErrorAssertions.AssertOpenAIErrorAsync(gone, HttpStatusCode.NotFound, "id");
    }

    [Theory]
    [InlineData("""{"capabilities":["chat"],"context_length":1024,"deployments":[{"id":"a","kind":"worker","base_url":"http://127.0.0.1:1/v1"}],"fallbacks":["no-such-model"]}""", "fallbacks[0]")]
    [InlineData("""{"capabilities":["chat"],"context_length":1024,"deployments":[{"id":"a","kind":"openai","base_url":"http://example.com/v1","credential":"X--Key"}]}""", "deployments[0].base_url")]
    [InlineData("""{"capabilities":["chat"],"context_length":1024,"deployments":[{"id":"a","kind":"worker","base_url":"http://127.0.0.1:1/v1"},{"id":"a","kind":"worker","base_url":"http://127.0.0.1:2/v1"}]}""", "deployments[1].id")]
    [InlineData("""{"capabilities":["chat"],"deployments":[]}""", "context_length")]
    public async Task Catalog_AnInvalidModel_IsAnOpenAI400NamingTheField(string json, string param)
    {
        using var admin = stack.CreateAdminClient();

        using var response = await admin.SendAsync(HttpMethod.Put, "v1/admin/models/invalid-model", json);

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, param);
    }
}
