using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>
/// A job stack of a test's own, on its own Azurite, for what the shared one must not see: killed processes, a host
/// without a job worker, other webhook settings. It borrows the shared stack's serve-mode worker (stateless; the
/// API asks it which models exist). The API host has a fixed Durable worker name, so a restarted host takes its
/// partitions back at once, as one that Azure restarts does.
/// </summary>
internal sealed class JobStack : IAsyncDisposable
{
    private readonly LocalStackFixture shared;
    private readonly string[] apiSettings;
    private ServiceProcess? api;
    private ServiceProcess? jobWorker;

    private JobStack(LocalStackFixture shared, Azurite storage, string[] apiSettings)
    {
        this.shared = shared;
        Storage = storage;
        this.apiSettings = apiSettings;
    }

    public Azurite Storage { get; }

    public ApiSecrets Secrets { get; } = ApiSecrets.New();

    public ServiceProcess Api => api ?? throw new InvalidOperationException("the API host is not running");

    public ServiceProcess JobWorker => jobWorker ?? throw new InvalidOperationException("no job worker is running");

    /// <summary>Starts Azurite and the API host with <paramref name="apiSettings"/>; no job worker yet.</summary>
    public static async Task<JobStack> StartAsync(LocalStackFixture shared, params string[] apiSettings)
    {
        var stack = new JobStack(shared, await Azurite.StartAsync(), apiSettings);
        try
        {
            await stack.StartApiAsync();
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (or restarts) the API host.</summary>
    public async Task StartApiAsync() =>
        api = await ServiceProcess.StartApiAsync(
            shared.Worker.BaseUrl, Secrets.Environment(Storage.ConnectionString), ["--Durable:WorkerId", "job-stack-api", .. apiSettings]);

    /// <summary>Kills the API host (SIGKILL, as a crash or a scale-in does).</summary>
    public async Task KillApiAsync()
    {
        await Api.DisposeAsync();
        api = null;
    }

    /// <summary>Starts the worker's job mode on this stack's storage.</summary>
    public async Task StartJobWorkerAsync(params string[] settings) =>
        jobWorker = await ServiceProcess.StartJobWorkerAsync(Storage.ConnectionString, settings);

    /// <summary>Kills the job worker (SIGKILL).</summary>
    public async Task KillJobWorkerAsync()
    {
        await JobWorker.DisposeAsync();
        jobWorker = null;
    }

    /// <summary>Creates a key through this stack's admin API; the shared stack's log scan learns its secret.</summary>
    public async Task<string> CreateKeyAsync(string json)
    {
        using var admin = new AdminClient(Api.BaseUrl, Secrets.AdminKey);
        var (_, secret) = await admin.CreateKeyAsync(json);
        shared.RememberSecret(secret);
        return secret;
    }

    /// <summary>An HTTP client for this stack's API with <paramref name="key"/>.</summary>
    public HttpClient CreateHttpClient(string key) =>
        new() { BaseAddress = Api.BaseUrl, Timeout = TimeSpan.FromMinutes(2), DefaultRequestHeaders = { Authorization = new("Bearer", key) } };

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        if (jobWorker is not null)
        {
            await jobWorker.DisposeAsync();
        }

        await Storage.DisposeAsync();
    }
}
