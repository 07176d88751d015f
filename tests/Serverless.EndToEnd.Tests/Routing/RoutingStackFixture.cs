using System.ClientModel;
using System.Net.Http.Headers;
using System.Text;
using OpenAI;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Routing;

/// <summary>
/// The stack for multi-model routing: Azurite, two worker processes started as <see cref="LocalStackFixture"/> starts
/// its one (the API's <c>Worker:BaseUrl</c> is the first), the in-test <see cref="TestUpstream"/>, and the API host
/// with quick circuit breakers and the second worker's key in the setting <c>Upstreams:SecondWorker</c>, which an
/// <c>openai</c> deployment names as <c>Upstreams--SecondWorker</c>.
/// </summary>
public sealed class RoutingStackFixture : IAsyncLifetime
{
    /// <summary>The credential reference of the second worker's key.</summary>
    public const string SecondWorkerCredential = "Upstreams--SecondWorker";

    /// <summary>How long an open circuit stays open in this stack.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    private Azurite? azurite;
    private ServiceProcess? worker;
    private ServiceProcess? secondWorker;
    private ServiceProcess? api;
    private TestUpstream? upstream;

    /// <summary>The admin key and pepper the API was started with.</summary>
    public ApiSecrets Secrets { get; } = ApiSecrets.New();

    /// <summary>The API host process.</summary>
    public ServiceProcess Api => api ?? throw new InvalidOperationException("not started");

    /// <summary>The second worker: the base URL of its OpenAI paths.</summary>
    public string SecondWorkerV1 => new Uri(secondWorker!.BaseUrl, "v1").ToString();

    /// <summary>The failing upstream.</summary>
    public TestUpstream Upstream => upstream ?? throw new InvalidOperationException("not started");

    /// <summary>An admin API client.</summary>
    public AdminClient CreateAdminClient() => new(Api.BaseUrl, Secrets.AdminKey);

    /// <summary>A plain HTTP client of the API with <paramref name="key"/>.</summary>
    public HttpClient CreateHttpClient(string key) =>
        new() { BaseAddress = Api.BaseUrl, Timeout = TimeSpan.FromMinutes(2), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

    /// <summary>An unmodified OpenAI .NET client of the API with <paramref name="key"/>.</summary>
    public OpenAIClient CreateOpenAIClient(string key) =>
        new(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(Api.BaseUrl, "v1"),
            NetworkTimeout = TimeSpan.FromMinutes(2),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0),
        });

    /// <summary>Puts a catalog model (failing the test on anything but 200) and, when given, its price.</summary>
    public async Task PutModelAsync(string id, string json, decimal? pricePer1K = null)
    {
        using var admin = CreateAdminClient();
        using var response = await admin.SendAsync(HttpMethod.Put, $"v1/admin/models/{id}", json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT {id}: {(int)response.StatusCode} {body}");
        if (pricePer1K is { } price)
        {
            using var priced = await admin.SendAsync(HttpMethod.Put, $"v1/admin/prices/{id}", $$"""{"input_per_1k": {{price}}, "output_per_1k": {{price}}}""");
            Assert.True(priced.IsSuccessStatusCode, await priced.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Posts a chat completion for <paramref name="model"/>.</summary>
    public static Task<HttpResponseMessage> ChatAsync(HttpClient http, string model, bool stream = false) =>
        http.PostAsync("v1/chat/completions", new StringContent(
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Say hi"}],"max_tokens":4,"stream":{{(stream ? "true" : "false")}}}""",
            Encoding.UTF8, "application/json"));

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        worker = await ServiceProcess.StartWorkerAsync(Secrets.WorkerKey);
        secondWorker = await ServiceProcess.StartWorkerAsync(Secrets.WorkerKey);
        upstream = await TestUpstream.StartAsync();
        var environment = new Dictionary<string, string>(Secrets.Environment(azurite.ConnectionString))
        {
            ["Upstreams__SecondWorker"] = Secrets.WorkerKey, // as an app setting (a Key Vault reference in Azure) gives it
        };
        api = await ServiceProcess.StartApiAsync(
            worker.BaseUrl,
            environment,
            "--Catalog:BreakerMinimumThroughput", "2",
            "--Catalog:BreakerFailureRatio", "0.5",
            "--Catalog:BreakerBreakDuration", BreakDuration.ToString());
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { api, worker, secondWorker })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        if (upstream is not null)
        {
            await upstream.DisposeAsync();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
