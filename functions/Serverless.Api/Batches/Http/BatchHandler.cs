using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Api.Auth;
using Serverless.Api.Jobs;
using Serverless.Api.Jobs.Orchestration;
using Serverless.Api.Routing;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Batches.Http;

/// <summary>
/// <c>GET /v1/batches/{id}</c> answers the batch; <c>POST /v1/batches/{id}/cancel</c> cancels it (it shows
/// <c>cancelling</c> until the lines in flight are in, then <c>cancelled</c>). Another owner's batch is a 404.
/// </summary>
internal sealed class BatchHandler(BatchStore batches, JobEventRaiser events, TimeProvider time) : IApiHandler
{
    private const string Prefix = "/v1/batches/";

    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var id = PathIds.After(context.Request.Path.Value ?? string.Empty, Prefix);
        var partition = BatchStore.PartitionOf(caller.Owner);
        var batch = await batches.GetAsync(partition, id, context.RequestAborted);
        if (batch is null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, BatchApiErrors.NotFound(id));
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && !BatchStatus.IsFinal(batch.Status) && !batch.CancelRequested)
        {
            var now = time.GetUtcNow();
            batch = await batches.UpdateAsync(partition, id, row =>
            {
                if (BatchStatus.IsFinal(row.Status) || row.CancelRequested)
                {
                    return false;
                }

                row.CancelRequested = true;
                row.Status = BatchStatus.Cancelling;
                row.CancellingAt = now;
                return true;
            }, CancellationToken.None);

            // Not tied to the request: once the row says cancelling, the orchestration must hear of it.
            await events.RaiseAsync(JobClients.For(context), id, JobEvents.Cancel, "cancel", CancellationToken.None);
        }

        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, BatchViews.ToObject(batch), BatchesJsonContext.Default.BatchObject);
    }
}
