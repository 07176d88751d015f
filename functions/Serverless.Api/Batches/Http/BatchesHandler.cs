using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Batches.Orchestration;
using Serverless.Api.Files;
using Serverless.Api.Jobs;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;
using Serverless.Api.Webhooks;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Batches.Http;

/// <summary>
/// <c>/v1/batches</c>: <c>POST</c> creates a batch over an uploaded input file and starts its orchestration (the
/// input is checked there, while the batch is <c>validating</c>); <c>GET</c> lists the caller's owner's batches,
/// newest first (<c>limit</c>, <c>after</c>).
/// </summary>
internal sealed partial class BatchesHandler(
    BatchStore batches,
    FileStore files,
    IOptions<BatchOptions> options,
    IOptions<ApiOptions> api,
    IOptions<WebhookOptions> webhookOptions,
    TimeProvider time,
    ILogger<BatchesHandler> logger) : IApiHandler
{
    private const int MaxMetadataPairs = 16;

    public Task HandleAsync(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) ? CreateAsync(context) : ListAsync(context);

    private async Task CreateAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var parsed = await JsonBody.ReadAsync(context.Request, BatchesJsonContext.Default.BatchCreateRequest, api.Value.MaxRequestBodyBytes);
        if (!parsed.Succeeded)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, parsed.Error);
            return;
        }

        var request = parsed.Value;
        if (await CheckAsync(request, caller, context.RequestAborted) is { } error)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, error);
            return;
        }

        var settings = options.Value;
        var now = time.GetUtcNow();
        var batch = new BatchEntity
        {
            PartitionKey = BatchStore.PartitionOf(caller.Owner),
            RowKey = BatchIds.New(now),
            Owner = caller.Owner,
            KeyId = caller.KeyId,
            Caller = JsonSerializer.Serialize(BatchCaller.Of(caller), BatchesJsonContext.Default.BatchCaller),
            Endpoint = request.Endpoint!,
            InputFileId = request.InputFileId!,
            CompletionWindow = request.CompletionWindow!,
            Metadata = request.Metadata is { Count: > 0 } metadata ? JsonSerializer.Serialize(metadata, BatchesJsonContext.Default.DictionaryStringString) : null,
            Webhook = caller.DefaultWebhook,
            CreatedAt = now,
            ExpiresAt = now + settings.CompletionWindow,
        };
        await batches.AddAsync(batch, CancellationToken.None);
        var input = new BatchInput(batch.RowKey, batch.PartitionKey, batch.ExpiresAt, settings.ChunkLines, settings.MaxChunksInFlight, settings.StopWait, WebhookRetries.Of(webhookOptions.Value));
        await JobClients.For(context).ScheduleNewOrchestrationInstanceAsync(nameof(BatchOrchestrator), input, new StartOrchestrationOptions(batch.RowKey), CancellationToken.None);
        LogCreated(batch.RowKey, batch.Endpoint, batch.InputFileId);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, BatchViews.ToObject(batch), BatchesJsonContext.Default.BatchObject);
    }

    private async Task<ApiError?> CheckAsync(BatchCreateRequest request, Caller caller, CancellationToken cancellationToken)
    {
        if (request.Endpoint is null || !BatchEndpoints.All.ContainsKey(request.Endpoint))
        {
            return BatchApiErrors.BadEndpoint(request.Endpoint);
        }

        var scope = BatchEndpoints.ScopeOf(request.Endpoint);
        if (!caller.HasScope(scope))
        {
            return BatchApiErrors.MissingScope(scope);
        }

        if (request.CompletionWindow != "24h")
        {
            return BatchApiErrors.BadWindow(request.CompletionWindow);
        }

        if (request.Metadata is { } metadata && (metadata.Count > MaxMetadataPairs || metadata.Any(p => p.Key.Length > 64 || p.Value is null || p.Value.Length > 512)))
        {
            return BatchApiErrors.BadMetadata;
        }

        var file = request.InputFileId is { } id ? await files.GetAsync(caller.Owner, id, cancellationToken) : null;
        return file is { Purpose: FilesHandler.BatchPurpose } ? null : BatchApiErrors.BadInputFile(request.InputFileId);
    }

    private async Task ListAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var query = context.Request.Query;
        var ((limit, after), pageError) = PageQuery.Read(query, 20, options.Value.MaxPageSize, BatchIds.IsWellFormed, "a batch");
        if (pageError is not null)
        {
            await OpenAIResponses.WriteErrorAsync(context.Response, pageError);
            return;
        }

        var rows = await batches.ListAsync(BatchStore.PartitionOf(caller.Owner), after, limit + 1, context.RequestAborted);
        var page = rows.Take(limit).Select(BatchViews.ToObject).ToList();
        var list = new BatchList(page, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id, rows.Count > limit);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, list, BatchesJsonContext.Default.BatchList);
    }

    [LoggerMessage(EventId = 7300, Level = LogLevel.Information, Message = "Batch {BatchId} created: {Endpoint} over {InputFileId}")]
    private partial void LogCreated(string batchId, string endpoint, string inputFileId);
}
