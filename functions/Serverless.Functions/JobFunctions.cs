using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Api.Jobs;
using Serverless.Api.Jobs.Orchestration;
using Serverless.Api.Jobs.Queues;
using Serverless.Api.Jobs.Webhooks;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;

namespace Serverless.Functions;

/// <summary>
/// The async job API in Azure: its HTTP triggers (each also bound to a Durable client, handed to the shared
/// handlers as a request feature), the orchestration and activity triggers that run the shared orchestrator and
/// activity classes (the Durable source generator is not available, so these wrappers are explicit), and the
/// queue trigger that turns worker results into orchestration events, and the timer that purges ended
/// orchestrations' history.
/// </summary>
public sealed class JobFunctions(
    ApiPipeline pipeline,
    EndJobActivity end,
    DeliverWebhookActivity deliver,
    JobResultsHandler results,
    JobHistoryPurger purger)
{
    /// <summary><c>POST /v1/async/completions</c>.</summary>
    [Function("AsyncCompletions")]
    public Task<IActionResult> AsyncCompletions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.AsyncCompletions)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ServeAsync(request, client, "AsyncCompletions");

    /// <summary><c>GET /v1/async/completions</c>: the caller's jobs.</summary>
    [Function("ListJobs")]
    public Task<IActionResult> ListJobs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AsyncCompletions)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ServeAsync(request, client, "ListJobs");

    /// <summary><c>POST /v1/async/chat/completions</c>.</summary>
    [Function("AsyncChatCompletions")]
    public Task<IActionResult> AsyncChatCompletions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.AsyncChatCompletions)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ServeAsync(request, client, "AsyncChatCompletions");

    /// <summary><c>GET</c>, <c>DELETE /v1/async/completions/{id}</c>.</summary>
    [Function("AsyncJob")]
    public Task<IActionResult> AsyncJob(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "delete", Route = ApiRoutes.AsyncJob)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ServeAsync(request, client, "AsyncJob");

    /// <summary><c>POST /v1/async/completions/{id}/cancel</c>.</summary>
    [Function("AsyncJobCancel")]
    public Task<IActionResult> AsyncJobCancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.AsyncJobCancel)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ServeAsync(request, client, "AsyncJobCancel");

    /// <summary>The job orchestration.</summary>
    [Function(nameof(JobOrchestrator))]
    public Task<string> RunJob([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<JobInput>() ?? throw new InvalidOperationException("The job orchestration needs its input.");
        return new JobOrchestrator().RunAsync(context, input);
    }

    /// <summary>Ends a job: settles its usage once and makes the first webhook call.</summary>
    [Function(nameof(EndJobActivity))]
    public Task<JobEnded> End([ActivityTrigger] EndJobInput input, FunctionContext context) =>
        end.RunAsync(FunctionActivityContext.Of(nameof(EndJobActivity), context), input);

    /// <summary>A retried webhook call.</summary>
    [Function(nameof(DeliverWebhookActivity))]
    public Task<bool> Deliver([ActivityTrigger] WebhookAttempt input, FunctionContext context) =>
        deliver.RunAsync(FunctionActivityContext.Of(nameof(DeliverWebhookActivity), context), input);

    /// <summary>A worker's result: raised as its orchestration's event (Base64 messages, the trigger's default).</summary>
    [Function("JobResults")]
    public Task JobResults([QueueTrigger(JobQueues.Results)] string message, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        results.HandleAsync(message, client, cancellationToken);

    /// <summary>Every 10 minutes: deletes the Durable history of job orchestrations past <c>Jobs:HistoryRetention</c>.</summary>
    [Function("PurgeJobHistory")]
    public Task PurgeJobHistory([TimerTrigger("0 */10 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        purger.PurgeAsync(client, cancellationToken);

    private Task<IActionResult> ServeAsync(HttpRequest request, DurableTaskClient client, string routeName) =>
        DurableRoutes.ServeAsync(pipeline, request, client, routeName);
}
