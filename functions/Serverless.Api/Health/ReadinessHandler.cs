using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Serverless.Api.Routing;
using Serverless.Api.Worker;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Health;

/// <summary>
/// <c>GET /readyz</c>: 200 when Table storage answers a one-row table listing and the worker answers its
/// <c>/healthz</c>, 503 otherwise; the report names which failed but not why (it is unauthenticated; the log says why).
/// </summary>
internal sealed partial class ReadinessHandler(TableServiceClient tables, WorkerClient worker, ILogger<ReadinessHandler> logger) : IApiHandler
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public async Task HandleAsync(HttpContext context)
    {
        var storage = CheckAsync("storage", async cancellationToken =>
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, context.RequestAborted);
        var workerAlive = CheckAsync("worker", worker.CheckAliveAsync, context.RequestAborted);
        var (storageOk, workerOk) = (await storage, await workerAlive);

        var ready = storageOk && workerOk;
        var report = new ReadinessReport(ready ? "ready" : "not_ready", State(storageOk), State(workerOk));
        await OpenAIResponses.WriteJsonAsync(context.Response, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            report, HealthJsonContext.Default.ReadinessReport);
    }

    private async Task<bool> CheckAsync(string dependency, Func<CancellationToken, Task> check, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await check(timeout.Token);
            return true;
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            LogNotReady(e, dependency);
            return false;
        }
    }

    private static string State(bool ok) => ok ? "ok" : "unavailable";

    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Readiness: {Dependency} is unavailable")]
    private partial void LogNotReady(Exception exception, string dependency);
}
