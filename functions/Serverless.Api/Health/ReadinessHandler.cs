using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Api.Routing;
using Serverless.Api.Telemetry;
using Serverless.Api.Tiers;
using Serverless.Api.Relay;
using Serverless.Api.Upstreams;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Health;

/// <summary>
/// <c>GET /readyz</c>: 200 when Table storage answers and the worker is not known to be unreachable, 503 otherwise.
/// It is unauthenticated, so it must cost nothing to call often: one answer serves every caller for
/// <see cref="ReadinessOptions.CacheTtl"/>, and the worker is only called where it never scales to zero
/// (<see cref="ReadinessOptions.ProbeWorker"/>); elsewhere it is reported as the gateway last saw it on real
/// traffic (<see cref="WorkerObservations"/>), <c>unknown</c> before any. Anyone gets the status; operators
/// (<see cref="OperatorAccess"/>) get the detail, which names a failure (a status code, an error kind) but never carries an exception: the log has that.
/// </summary>
internal sealed partial class ReadinessHandler(
    TableServiceClient tables,
    WorkerClient worker,
    WorkerObservations observations,
    OperatorAccess access,
    DeploymentStates deployments,
    IOptions<ReadinessOptions> options,
    TimeProvider time,
    ILogger<ReadinessHandler> logger) : IApiHandler
{
    private const string Ready = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);
    private readonly Lock gate = new();
    private (Task<ReadinessReport> Report, DateTimeOffset Expires)? cached;

    public async Task HandleAsync(HttpContext context)
    {
        var report = await CurrentAsync();
        // Circuits change by the second, so they are read for each answer rather than cached with the checks.
        var circuits = deployments.Circuits();
        var shown = await access.IsOperatorAsync(context)
            ? report with { Deployments = circuits.Count > 0 ? circuits : null }
            : new ReadinessReport(report.Status);
        await OpenAIResponses.WriteJsonAsync(context.Response, report.Status == Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            shown, HealthJsonContext.Default.ReadinessReport);
    }

    /// <summary>The answer of the current window: the first caller after it expires starts the checks, every other caller shares them.</summary>
    private Task<ReadinessReport> CurrentAsync()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (cached is { } entry && entry.Expires > now)
            {
                return entry.Report;
            }

            var report = CheckAsync(now);
            cached = (report, now + options.Value.CacheTtl);
            return report;
        }
    }

    private async Task<ReadinessReport> CheckAsync(DateTimeOffset now)
    {
        await Task.Yield(); // out of the lock before any I/O
        var storage = CheckAsync("storage", StorageAnswersAsync);
        var (workerState, source, seenAt, reason) = options.Value.ProbeWorker ? await ProbedAsync(now) : Observed(observations.Last);
        var storageOk = await storage;

        var ready = storageOk && workerState != "unavailable";
        return new ReadinessReport(ready ? Ready : "not_ready", State(storageOk), workerState, source, seenAt, reason, now);
    }

    private async Task<(string State, string Source, DateTimeOffset? SeenAt, string? Reason)> ProbedAsync(DateTimeOffset now) =>
        (await CheckAsync("worker", worker.CheckAliveAsync) ? "ok" : "unavailable", "probe", now, null);

    private static (string State, string Source, DateTimeOffset? SeenAt, string? Reason) Observed(WorkerObservation? last) => last switch
    {
        null => ("unknown", "observed", null, null), // no traffic since start: perhaps scaled to zero, which is no fault
        { Reachable: true } => ("ok", "observed", last.At, null),
        _ => ("unavailable", "observed", last.At, last.Reason),
    };

    /// <summary>Reads one row of one table the API owns; a table not made yet still means storage answered.</summary>
    private async Task StorageAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            var table = tables.GetTableClient(TierStore.TableName);
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
        }
    }

    private async Task<bool> CheckAsync(string dependency, Func<CancellationToken, Task> check)
    {
        // Not the caller's token: the answer is shared, and one caller leaving must not fail it for the others.
        using var timeout = new CancellationTokenSource(CheckTimeout, time);
        try
        {
            await check(timeout.Token);
            return true;
        }
        catch (Exception e)
        {
            LogNotReady(e, dependency);
            return false;
        }
    }

    private static string State(bool ok) => ok ? "ok" : "unavailable";

    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Readiness: {Dependency} is unavailable")]
    private partial void LogNotReady(Exception exception, string dependency);
}
