using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
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
    /// <summary>The local host's task hub, whose tables and queues a diagnosis reads.</summary>
    private const string TaskHub = AsyncJobs.TaskHub;

    private readonly LocalStackFixture shared;
    private readonly string[] apiSettings;
    private ServiceProcess? api;
    private ServiceProcess? jobWorker;

    private JobStack(LocalStackFixture shared, Azurite storage, string[] apiSettings)
    {
        this.shared = shared;
        Storage = storage;
        Secrets = ApiSecrets.New() with { WorkerKey = shared.Secrets.WorkerKey }; // the borrowed worker's key
        this.apiSettings = apiSettings;
    }

    public Azurite Storage { get; }

    public ApiSecrets Secrets { get; }

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

    /// <summary>Waits until the Durable backend records job <paramref name="jobId"/>'s orchestration as <paramref name="status"/> (<c>Running</c>, …).</summary>
    public Task WaitForOrchestrationAsync(string jobId, string status, TimeSpan timeout) =>
        AsyncJobs.WaitForOrchestrationAsync(Storage, jobId, timeout, status);

    /// <summary>Waits until the Durable backend holds nothing of job <paramref name="jobId"/>'s orchestration: no instance row, no history.</summary>
    public async Task WaitUntilOrchestrationPurgedAsync(string jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var instance = await DurableTable("Instances").GetEntityIfExistsAsync<TableEntity>(jobId, string.Empty);
            var history = 0;
            await foreach (var _ in DurableTable("History").QueryAsync<TableEntity>(e => e.PartitionKey == jobId, select: ["RowKey"]))
            {
                history++;
            }

            if (!instance.HasValue && history == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the orchestration of {jobId} still had {(instance.HasValue ? "its instance row and " : string.Empty)}{history} history rows after {timeout}\n{await DiagnoseAsync(jobId)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Overwrites the status the Durable backend records for job <paramref name="jobId"/>'s orchestration, as a host that died mid-write leaves it.</summary>
    public async Task SetOrchestrationStatusAsync(string jobId, string status)
    {
        await DurableTable("Instances").UpdateEntityAsync(new TableEntity(jobId, string.Empty) { ["RuntimeStatus"] = status }, ETag.All, TableUpdateMode.Merge);
    }

    /// <summary>Flags job <paramref name="jobId"/>'s row cancelled, as the owner's cancel does, without telling its orchestration.</summary>
    public async Task FlagCancelRequestedAsync(string jobId)
    {
        var jobs = new TableClient(Storage.ConnectionString, "jobs");
        await foreach (var row in jobs.QueryAsync<TableEntity>(e => e.RowKey == jobId))
        {
            await jobs.UpdateEntityAsync(new TableEntity(row.PartitionKey, jobId) { ["CancelRequested"] = true }, row.ETag, TableUpdateMode.Merge);
        }
    }

    /// <summary>
    /// What a failure message needs to tell why job <paramref name="jobId"/> did not end: the Durable backend's
    /// record of its orchestration (instance row and history), what waits in the queues, and the last lines the API
    /// host (its request logs left out) and the job worker printed.
    /// </summary>
    public async Task<string> DiagnoseAsync(string jobId)
    {
        var report = new StringBuilder();
        try
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"Orchestration instance {jobId}:");
            await foreach (var row in DurableTable("Instances").QueryAsync<TableEntity>(e => e.PartitionKey == jobId))
            {
                report.AppendLine(Describe(row));
            }

            report.AppendLine("History:");
            await foreach (var row in DurableTable("History").QueryAsync<TableEntity>(e => e.PartitionKey == jobId))
            {
                report.AppendLine(Describe(row));
            }

            var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
            foreach (var queue in new[] { $"{TaskHub}-control-00", $"{TaskHub}-workitems", "jobs-high", "jobs", "jobs-low", "results" })
            {
                var properties = await new QueueClient(Storage.ConnectionString, queue, options).GetPropertiesAsync();
                report.AppendLine(CultureInfo.InvariantCulture, $"Queue {queue}: {properties.Value.ApproximateMessagesCount} messages (hidden ones included)");
            }
        }
        catch (RequestFailedException e)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"Reading the backend's storage failed: {e.Message}");
        }

        report.AppendLine("API host output (request logs left out):").AppendLine(Tail(api, line => !line.Contains("\"request_id\"", StringComparison.Ordinal)));
        report.AppendLine("Job worker output:").AppendLine(Tail(jobWorker, _ => true));
        return report.ToString();
    }

    /// <summary>One of the Durable backend's tables of this stack's hub: <c>Instances</c> or <c>History</c>.</summary>
    private TableClient DurableTable(string name) => new(Storage.ConnectionString, TaskHub + name);

    private static string Describe(TableEntity row) =>
        string.Join(", ", row.Where(p => p.Key is not ("Input" or "Output" or "odata.etag") && p.Value is not null)
            .Select(p => $"{p.Key}={Truncate(Convert.ToString(p.Value, CultureInfo.InvariantCulture))}"));

    private static string? Truncate(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;

    private static string Tail(ServiceProcess? process, Func<string, bool> keep) =>
        process is null ? "(not running)" : string.Join('\n', process.Output.Split('\n').Where(keep).TakeLast(100));

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
