using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Api.Batches;
using Serverless.Api.Batches.Orchestration;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;

namespace Serverless.Functions;

/// <summary>
/// The Batch API in Azure: its HTTP triggers (bound to a Durable client, handed to the shared handlers as a request
/// feature) and the orchestration and activity triggers that run the shared batch orchestrator and activities.
/// </summary>
public sealed class BatchFunctions(
    ApiPipeline pipeline,
    StartBatchActivity start,
    DispatchChunkActivity dispatch,
    SettleChunkActivity settle,
    StopBatchActivity stop,
    FinishBatchActivity finish,
    DeliverBatchWebhookActivity deliver)
{
    /// <summary><c>GET</c>, <c>POST /v1/batches</c>.</summary>
    [Function("Batches")]
    public Task<IActionResult> Batches(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = ApiRoutes.Batches)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ServeAsync(request, client, "Batches");

    /// <summary><c>GET /v1/batches/{id}</c>.</summary>
    [Function("Batch")]
    public Task<IActionResult> Batch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Batch)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ServeAsync(request, client, "Batch");

    /// <summary><c>POST /v1/batches/{id}/cancel</c>.</summary>
    [Function("BatchCancel")]
    public Task<IActionResult> BatchCancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BatchCancel)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        ServeAsync(request, client, "BatchCancel");

    /// <summary>The batch orchestration.</summary>
    [Function(nameof(BatchOrchestrator))]
    public Task<string> RunBatch([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<BatchInput>() ?? throw new InvalidOperationException("The batch orchestration needs its input.");
        return new BatchOrchestrator().RunAsync(context, input);
    }

    /// <summary>Checks and slices a batch's input.</summary>
    [Function(nameof(StartBatchActivity))]
    public Task<int> Start([ActivityTrigger] BatchInput input, FunctionContext context) =>
        start.RunAsync(FunctionActivityContext.Of(nameof(StartBatchActivity), context), input);

    /// <summary>Dispatches a chunk of a batch's lines.</summary>
    [Function(nameof(DispatchChunkActivity))]
    public Task<ChunkDispatch> Dispatch([ActivityTrigger] ChunkRequest input, FunctionContext context) =>
        dispatch.RunAsync(FunctionActivityContext.Of(nameof(DispatchChunkActivity), context), input);

    /// <summary>Settles a chunk.</summary>
    [Function(nameof(SettleChunkActivity))]
    public Task<BatchRequestCounts> Settle([ActivityTrigger] ChunkSettlement input, FunctionContext context) =>
        settle.RunAsync(FunctionActivityContext.Of(nameof(SettleChunkActivity), context), input);

    /// <summary>Stops a batch's chunks still out.</summary>
    [Function(nameof(StopBatchActivity))]
    public Task<bool> Stop([ActivityTrigger] StopChunks input, FunctionContext context) =>
        stop.RunAsync(FunctionActivityContext.Of(nameof(StopBatchActivity), context), input);

    /// <summary>Writes a batch's output and error files and ends it.</summary>
    [Function(nameof(FinishBatchActivity))]
    public Task<bool> Finish([ActivityTrigger] BatchEnd input, FunctionContext context) =>
        finish.RunAsync(FunctionActivityContext.Of(nameof(FinishBatchActivity), context), input);

    /// <summary>A retried webhook call of an ended batch.</summary>
    [Function(nameof(DeliverBatchWebhookActivity))]
    public Task<bool> Deliver([ActivityTrigger] BatchWebhookAttempt input, FunctionContext context) =>
        deliver.RunAsync(FunctionActivityContext.Of(nameof(DeliverBatchWebhookActivity), context), input);

    private Task<IActionResult> ServeAsync(HttpRequest request, DurableTaskClient client, string routeName) =>
        DurableRoutes.ServeAsync(pipeline, request, client, routeName);
}
