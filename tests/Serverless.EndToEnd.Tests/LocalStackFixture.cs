using System.ClientModel;
using System.Text.Json;
using OpenAI;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// The local stack as a user runs it (what <c>run.sh</c> starts): Azurite, the worker's serve mode and job mode, and
/// the API host, real processes on loopback. Webhooks may call plain http on loopback, where the tests' receivers
/// listen, and are retried after half a second.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    /// <summary>The generation model every fresh machine has.</summary>
    public const string ChatModel = "gpt2-tiny";

    /// <summary>The Llama-family default model, served from a Hugging Face export folder (no model.json) with its Jinja chat template.</summary>
    public const string LlamaModel = "llama-tiny";

    /// <summary>The embedding model every fresh machine has.</summary>
    public const string EmbeddingModel = "all-minilm-l6-v2";

    private readonly System.Collections.Concurrent.ConcurrentBag<string> issuedSecrets = [];
    private Azurite? azurite;
    private ServiceProcess? worker;
    private ServiceProcess? jobWorker;
    private ServiceProcess? api;

    /// <summary>The admin key and pepper this stack's API was started with.</summary>
    public ApiSecrets Secrets { get; } = ApiSecrets.New();

    /// <summary>A <c>user</c> key with every scope and model, made through the admin API at start.</summary>
    public string UserKey { get; private set; } = string.Empty;

    /// <summary>The secret that signs <see cref="UserKey"/>'s webhooks.</summary>
    public string UserWebhookSecret { get; private set; } = string.Empty;

    /// <summary>Every secret this stack has issued or been given, for the log scan.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => [.. issuedSecrets, .. Secrets.All];

    /// <summary>The storage the API keeps its state in.</summary>
    public Azurite Storage => azurite ?? throw new InvalidOperationException("not started");

    /// <summary>The worker process.</summary>
    public ServiceProcess Worker => worker ?? throw new InvalidOperationException("not started");

    /// <summary>The worker's job mode, running async jobs from the queue.</summary>
    public ServiceProcess JobWorker => jobWorker ?? throw new InvalidOperationException("not started");

    /// <summary>The API host process.</summary>
    public ServiceProcess Api => api ?? throw new InvalidOperationException("not started");

    /// <summary>An unmodified OpenAI .NET client for the API (or, with <paramref name="direct"/>, the worker itself, with the worker key).</summary>
    public OpenAIClient CreateOpenAIClient(bool direct = false, string? key = null) =>
        new(new ApiKeyCredential(key ?? DefaultKey(direct)), new OpenAIClientOptions
        {
            Endpoint = new Uri((direct ? Worker : Api).BaseUrl, "v1"),
            NetworkTimeout = TimeSpan.FromMinutes(2),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0),
        });

    /// <summary>
    /// A plain HTTP client for the API (with the user key unless <paramref name="key"/> says otherwise; with
    /// <paramref name="direct"/>, the worker with the worker key), for what an SDK would not send.
    /// </summary>
    public HttpClient CreateHttpClient(bool direct = false, string? key = null)
    {
        var http = new HttpClient { BaseAddress = (direct ? Worker : Api).BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        if ((key ?? DefaultKey(direct)) is { Length: > 0 } secret)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        }

        return http;
    }

    private string DefaultKey(bool direct) => direct ? Secrets.WorkerKey : UserKey;

    /// <summary>An admin API client with the bootstrap key.</summary>
    public AdminClient CreateAdminClient() => new(Api.BaseUrl, Secrets.AdminKey);

    /// <summary>Creates a key through the admin API and remembers its secret for the log scan.</summary>
    public async Task<(string Id, string Secret)> CreateKeyAsync(string json)
    {
        var (id, secret, _) = await CreateKeyWithWebhookSecretAsync(json);
        return (id, secret);
    }

    /// <summary>Creates a key through the admin API and remembers its secret and webhook secret for the log scan.</summary>
    public async Task<(string Id, string Secret, string WebhookSecret)> CreateKeyWithWebhookSecretAsync(string json)
    {
        using var admin = CreateAdminClient();
        var key = await admin.CreateKeyWithWebhookSecretAsync(json);
        RememberSecret(key.Secret);
        RememberSecret(key.WebhookSecret);
        return key;
    }

    /// <summary>
    /// An owner's usage totals (<c>/v1/usage</c>'s <c>total</c>) once they count at least <paramref name="requests"/>
    /// requests, or as they stand after <paramref name="patience"/> (10 s): usage is merged every second.
    /// </summary>
    public async Task<JsonElement> UsageTotalAsync(string owner, long requests, TimeSpan? patience = null)
    {
        using var admin = CreateAdminClient();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await admin.SendAsync(HttpMethod.Get, $"v1/usage?owner={Uri.EscapeDataString(owner)}");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var total = document.RootElement.GetProperty("total").Clone();
            if (total.GetProperty("requests").GetInt64() >= requests || waited.Elapsed > (patience ?? TimeSpan.FromSeconds(10)))
            {
                return total;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Adds a secret to those the log scan looks for.</summary>
    public void RememberSecret(string secret) => issuedSecrets.Add(secret);

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        worker = await ServiceProcess.StartWorkerAsync(Secrets.WorkerKey);
        jobWorker = await ServiceProcess.StartJobWorkerAsync(azurite.ConnectionString);
        api = await ServiceProcess.StartApiAsync(
            worker.BaseUrl,
            Secrets.Environment(azurite.ConnectionString),
            "--Logging:LogLevel:Default", "Debug",
            "--Webhooks:AllowPrivateAddresses", "true",
            "--Webhooks:AllowHttp", "true",
            "--Webhooks:FirstRetryDelay", "00:00:00.500");
        (_, UserKey, UserWebhookSecret) = await CreateKeyWithWebhookSecretAsync("""{"name":"end-to-end","owner":"e2e-tenant","role":"user"}""");
    }

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        if (worker is not null)
        {
            await worker.DisposeAsync();
        }

        if (jobWorker is not null)
        {
            await jobWorker.DisposeAsync();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
