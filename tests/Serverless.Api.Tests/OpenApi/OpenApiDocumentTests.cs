using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.OpenApi;
using Serverless.Api.OpenApi;
using Serverless.Api.Routing;
using Serverless.Testing;

namespace Serverless.Api.Tests.OpenApi;

/// <summary>
/// The OpenAPI document: generated from the route table and the wire types, committed as <c>docs/openapi.json</c>
/// (so API changes show in diffs), valid for Microsoft.OpenApi's reader, and served by the host.
/// </summary>
public sealed class OpenApiDocumentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string CommittedPath = Path.Combine(RepositoryPaths.Root, "docs", "openapi.json");

    private static IEnumerable<string> TableOperations() =>
        ApiRoutes.All.Where(r => r.Template != ApiRoutes.Unmatched).SelectMany(r => r.Methods.Select(m => $"{m} /{r.Template}"));

    [Fact]
    public void CommittedDocument_IsExactlyWhatTheCodeGenerates()
    {
        // OPENAPI_UPDATE=1 rewrites the committed file; review the diff: it is the API's change.
        if (Environment.GetEnvironmentVariable("OPENAPI_UPDATE") == "1")
        {
            File.WriteAllText(CommittedPath, OpenApiDescription.Json);
        }

        Assert.True(File.Exists(CommittedPath), $"{CommittedPath} is missing: run the OpenAPI tests with OPENAPI_UPDATE=1 to write it.");
        Assert.True(
            File.ReadAllText(CommittedPath) == OpenApiDescription.Json,
            "docs/openapi.json differs from what the code generates: the API changed. Run the OpenAPI tests with OPENAPI_UPDATE=1 and commit the diff.");
    }

    [Fact]
    public void Document_ReadsWithoutErrors_AndHasExactlyTheRouteTablesOperations()
    {
        var (document, diagnostic) = Microsoft.OpenApi.OpenApiDocument.Parse(OpenApiDescription.Json, "json");

        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        var documented = document!.Paths.SelectMany(p => p.Value.Operations!.Select(o => $"{o.Key.Method.ToUpperInvariant()} {p.Key}"));
        Assert.Equal(TableOperations().Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public void Document_DescribesTheWireShapes_StreamsErrorsAndSecurity()
    {
        var (document, _) = Microsoft.OpenApi.OpenApiDocument.Parse(OpenApiDescription.Json, "json");
        var chat = document!.Paths["/v1/chat/completions"].Operations![HttpMethod.Post];
        var models = document.Paths["/v1/models"].Operations![HttpMethod.Get];
        var health = document.Paths["/healthz"].Operations![HttpMethod.Get];
        var schemas = document.Components!.Schemas!;

        Assert.Contains("text/event-stream", chat.Responses!["200"].Content!.Keys);
        Assert.Contains("application/json", chat.Responses["200"].Content!.Keys);
        Assert.Contains("messages", schemas["ChatCompletionRequest"].Properties!.Keys);
        Assert.Contains("usage", schemas["ChatCompletion"].Properties!.Keys);
        Assert.Contains("429", models.Responses!.Keys);
        Assert.Equal(3, models.Security!.Count);
        Assert.Empty(health.Security!);
        Assert.Contains(chat.Parameters!, p => p.Name == "api-version" && p.In == ParameterLocation.Query);
        Assert.Contains(chat.Parameters!, p => p.Name == "X-API-Version" && p.In == ParameterLocation.Header);
        var error = schemas["ErrorBody"].Properties!["error"];
        Assert.Contains("current_usage", error.Properties!.Keys);
        Assert.Contains("retry_after", error.Properties.Keys);
        Assert.Contains(document.Components.SecuritySchemes!.Values, s => s.Type == SecuritySchemeType.ApiKey && s.Name == "api-key");
    }

    [Fact]
    public void Webhooks_DescribeTheJobCallback_ItsSignatureHeaders_TheJobObjectItCarries_AndWhatA2xxMeans()
    {
        var (document, _) = Microsoft.OpenApi.OpenApiDocument.Parse(OpenApiDescription.Json, "json");

        var callback = document!.Webhooks!["asyncJobEnded"].Operations![HttpMethod.Post];
        var headers = callback.Parameters!.Where(p => p.In == ParameterLocation.Header).ToArray();
        Assert.Equal(["webhook-id", "webhook-timestamp", "webhook-signature"], headers.Select(h => h.Name));
        Assert.All(headers, h => Assert.True(h.Required));
        var body = callback.RequestBody!.Content!["application/json"].Schema;
        Assert.Equal("JobObject", Assert.IsType<OpenApiSchemaReference>(body).Reference.Id);
        Assert.Contains("result", body!.Properties!.Keys);
        Assert.Contains("2XX", callback.Responses!.Keys);
        Assert.Contains("repeated", callback.Responses["default"].Description, StringComparison.Ordinal);
        Assert.Contains("HMAC-SHA256", callback.Description, StringComparison.Ordinal);
        var batch = document.Webhooks["batchEnded"].Operations![HttpMethod.Post].RequestBody!.Content!["application/json"].Schema;
        Assert.Equal("BatchObject", Assert.IsType<OpenApiSchemaReference>(batch).Reference.Id);
    }

    [Fact]
    public void ADeprecatedRouteOrQueryParameter_IsMarkedDeprecated_AndNothingElse()
    {
        var link = new Uri("https://docs.example.test/changelog");
        var json = OpenApiDescription.Write(
        [
            new Serverless.Api.Versioning.Deprecation("Chat", null, DateTimeOffset.UnixEpoch, null, link),
            new Serverless.Api.Versioning.Deprecation("Usage", "group_by", DateTimeOffset.UnixEpoch, null, link),
        ]);

        var (document, _) = Microsoft.OpenApi.OpenApiDocument.Parse(json, "json");

        Assert.True(document!.Paths["/v1/chat"].Operations![HttpMethod.Post].Deprecated);
        Assert.False(document.Paths["/v1/chat/completions"].Operations![HttpMethod.Post].Deprecated);
        var usage = document.Paths["/v1/usage"].Operations![HttpMethod.Get];
        Assert.False(usage.Deprecated);
        Assert.True(usage.Parameters!.Single(p => p.Name == "group_by").Deprecated);
        Assert.False(usage.Parameters!.Single(p => p.Name == "start").Deprecated);
    }

    [Fact]
    public void EveryRouteAndMethod_HasItsWireTypes_AndNoContractIsLeftOver()
    {
        var table = ApiRoutes.All.Where(r => r.Template != ApiRoutes.Unmatched).SelectMany(r => r.Methods.Select(m => (r.Name, m))).ToHashSet();

        Assert.Equal(table.Order(), OperationContracts.All.Keys.Order());
    }

    /// <summary>The catalog model the catalog example falls back to.</summary>
    private static readonly Serverless.Api.Catalog.CatalogModel FallbackModel = new(
        "gpt2-tiny", ["chat"], 1024, [], [new("local", Serverless.Api.Catalog.DeploymentKind.Worker, new Uri("http://127.0.0.1:8081/v1/"), "gpt2-tiny", null, 1, 1, null, TimeSpan.FromSeconds(60))], [], DateTimeOffset.UnixEpoch);

    [Fact]
    public void EveryRequestExample_IsABodyTheRouteAccepts()
    {
        var examples = OperationContracts.All.Values.Where(c => c.Example is not null).ToArray();

        Assert.NotEmpty(examples);
        Assert.All(examples, contract =>
        {
            var body = System.Text.Json.JsonSerializer.Deserialize(contract.Example!, contract.Request!);
            var error = body switch
            {
                Serverless.OpenAI.Chat.ChatCompletionRequest chat => Serverless.OpenAI.Validation.RequestValidator.Validate(chat),
                Serverless.OpenAI.Completions.CompletionRequest completion => Serverless.OpenAI.Validation.RequestValidator.Validate(completion),
                Serverless.OpenAI.Embeddings.EmbeddingRequest embedding => Serverless.OpenAI.Validation.RequestValidator.Validate(embedding),
                Serverless.Api.Catalog.CatalogModelRequest model => Serverless.Api.Catalog.CatalogValidator.ForPut("my-llama", model, [FallbackModel], false, DateTimeOffset.UnixEpoch).Error,
                _ => throw new InvalidOperationException($"no validator for {contract.Summary}"),
            };
            Assert.Null(error);
        });
    }

    [Fact]
    public async Task Host_ServesTheDocument_Anonymously()
    {
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
            .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
            .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
            .UseSetting("Auth:KeyPepper", "openapi-tests-pepper-0123456789"));
        using var http = host.CreateClient();

        using var response = await http.GetAsync("openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OpenApiDescription.Json, await response.Content.ReadAsStringAsync());
    }
}
