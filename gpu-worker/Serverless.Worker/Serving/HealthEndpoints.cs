using Microsoft.AspNetCore.Http;
using Serverless.Inference;

namespace Serverless.Worker.Serving;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (at least one model is loaded).</summary>
internal sealed class HealthEndpoints(ModelCatalog catalog)
{
    public Task AliveAsync(HttpContext context) =>
        Results.Json(new HealthReport("ok", catalog.ExecutionProvider, [], []), WorkerJsonContext.Default.HealthReport).ExecuteAsync(context);

    public Task ReadyAsync(HttpContext context)
    {
        var ready = catalog.Models.Count > 0;
        var load = catalog.Models
            .Select(m => catalog.TryGetGeneration(m.Id, out var model) ? model.Statistics : new GenerationStatistics(0, 0))
            .Aggregate(new GenerationStatistics(0, 0), (a, b) => new(a.ActiveSequences + b.ActiveSequences, a.WaitingRequests + b.WaitingRequests));
        var report = new HealthReport(
            ready ? "ready" : "no models loaded",
            catalog.ExecutionProvider,
            catalog.Models.Select(m => m.Id).ToArray(),
            catalog.Failures.Select(f => $"{f.ModelFolder}: {f.File}: {f.Reason}").ToArray(),
            load.ActiveSequences,
            load.WaitingRequests);
        return Results.Json(report, WorkerJsonContext.Default.HealthReport, statusCode: ready ? 200 : 503).ExecuteAsync(context);
    }
}
