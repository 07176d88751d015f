using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Jobs.Orchestration;
using Serverless.Api.Jobs.Queues;
using Serverless.Api.Quotas;
using Serverless.Api.Routing;
using Serverless.Api.Webhooks;
using Serverless.Jobs;
using Serverless.OpenAI.Errors;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Jobs.Http;

/// <summary>
/// Turns an admitted request into a job: reads the async fields (webhook, else the key's default webhook, and
/// timeout) before admission so a bad one costs nothing, then writes the job row with its reservation and class, starts
/// its orchestration, puts its work on its class's queue, and answers
/// <c>202 Accepted</c> with the job object and a <c>Location</c> of our own status URL (never Durable's, which
/// carry system keys).
/// </summary>
internal sealed partial class JobSubmitter(
    JobLifecycle jobs,
    JobPayloads payloads,
    JobWorkQueue work,
    JobEventRaiser events,
    JobViews views,
    QuotaGate quotas,
    ActiveJobs activeJobs,
    WebhookUrlValidator webhooks,
    IOptions<JobOptions> options,
    IOptions<WebhookOptions> webhookOptions,
    TimeProvider time,
    ILogger<JobSubmitter> logger)
{
    private static readonly object FieldsKey = new();

    /// <summary>Reads and checks the async fields; null when fine (kept for <see cref="SubmitAsync{TRequest}"/>), else the 400.</summary>
    public async Task<ApiError?> ReadFieldsAsync(HttpContext context, long maxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        AsyncJobFields? fields = null;
        if (request.ContentLength is null or > 0 && (request.ContentLength ?? 0) <= maxBodyBytes)
        {
            request.EnableBuffering(maxBodyBytes);
            try
            {
                fields = await JsonSerializer.DeserializeAsync(request.Body, JobsJsonContext.Default.AsyncJobFields, context.RequestAborted);
            }
            catch (JsonException)
            {
                // Not JSON, or not an object: the OpenAI parser that runs next says so in its words.
            }
            catch (InvalidDataException)
            {
                // Over the body limit: likewise.
            }

            request.Body.Position = 0;
        }

        fields ??= new AsyncJobFields(null, null);

        // A job without a webhook of its own calls its key's default, checked like one given here.
        if (fields.Webhook is null && context.Features.Get<Caller>()?.DefaultWebhook is { } keyDefault)
        {
            fields = fields with { Webhook = keyDefault };
        }

        var max = options.Value.MaxTimeout;
        if (fields.TimeoutSeconds is { } seconds && (seconds < 1 || seconds > max.TotalSeconds))
        {
            return JobErrors.BadTimeout(max);
        }

        if (fields.Webhook is { } webhook)
        {
            var (_, error) = await webhooks.ValidateAsync(webhook, context.Features.Get<Caller>()?.KeyId ?? string.Empty, context.RequestAborted);
            if (error is not null)
            {
                return error;
            }
        }

        context.Items[FieldsKey] = fields;
        return null;
    }

    /// <summary>Creates the job for an admitted request and answers 202.</summary>
    public async Task SubmitAsync<TRequest>(HttpContext context, AdmittedRequest<TRequest> admitted, JsonTypeInfo<TRequest> typeInfo, string kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(admitted);
        var fields = context.Items[FieldsKey] as AsyncJobFields ?? new AsyncJobFields(null, null);
        var now = time.GetUtcNow();
        var id = JobIds.New(now);
        var partition = JobLookup.PartitionOf(admitted.Caller.Owner);
        var timeout = fields.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Value.DefaultTimeout;
        var client = JobClients.For(context);
        if (await RefuseIfTooManyAsync(context, admitted, id, now + timeout))
        {
            return;
        }

        var priority = admitted.Admission.Limits.Priority ?? PriorityClass.Normal;
        var reservation = await admitted.Admission.DetachAsync(CancellationToken.None);
        var row = new JobEntity
        {
            PartitionKey = partition,
            RowKey = id,
            Owner = admitted.Caller.Owner,
            KeyId = admitted.Caller.KeyId,
            Kind = kind,
            Model = admitted.Model.Id,
            Status = JobStatus.Queued,
            CreatedAt = now,
            ExpiresAt = now + timeout,
            StatusUrl = JobPaths.StatusUrl(context.Request, id),
            Webhook = fields.Webhook,
            Reservation = JsonSerializer.Serialize(reservation, JobsJsonContext.Default.Reservation),
            TokenBudget = admitted.TokenBudget,
            Priority = PriorityClasses.NameOf(priority),
        };

        try
        {
            // The model id resolved (an alias becomes the model), so the worker runs exactly what was admitted.
            var (inline, blob) = await payloads.StoreAsync(id, "request", JsonSerializer.Serialize(admitted.Request, typeInfo), CancellationToken.None);
            (row.Request, row.RequestBlob) = (inline, blob);
            await jobs.AddAsync(row, CancellationToken.None);
            var hooks = webhookOptions.Value;
            var input = new JobInput(id, partition, row.ExpiresAt, hooks.FirstRetryDelay, hooks.MaxRetryDelay, hooks.RetryFor);
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(JobOrchestrator), input, new StartOrchestrationOptions(id), CancellationToken.None);
        }
        catch (Exception e)
        {
            await AbandonAsync(client, id, partition, admitted.Caller.KeyId, reservation, e);
            throw;
        }

        try
        {
            await work.SendAsync(id, partition, priority, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The orchestration owns the reservation now: end the job failed through it, which releases it. Should
            // that fail too, the job expires at its deadline and is released then; either way nothing is billed.
            LogDispatchFailed(e, id);
            await events.RaiseAsync(client, id, JobEvents.Result, DispatchFailed(id, partition), CancellationToken.None);
            throw;
        }

        LogSubmitted(id, kind, row.Model, row.Priority);
        context.Response.Headers.Location = row.StatusUrl;
        var job = await views.ToObjectAsync(row, withResult: false, withDeliveries: false, CancellationToken.None);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status202Accepted, job, JobsJsonContext.Default.JobObject);
    }

    /// <summary>
    /// Counts the job against the key's <c>max_jobs</c> (queued and running jobs), or answers 429 and gives the
    /// reservation back; storage trouble refuses it too (fail closed).
    /// </summary>
    private async Task<bool> RefuseIfTooManyAsync<TRequest>(HttpContext context, AdmittedRequest<TRequest> admitted, string id, DateTimeOffset expiresAt)
    {
        ApiError? refusal;
        try
        {
            var limit = (await quotas.LimitsAsync(admitted.Caller, CancellationToken.None)).MaxJobs ?? options.Value.DefaultMaxJobs;
            var (added, active) = await activeJobs.TryAddAsync(admitted.Caller.KeyId, id, expiresAt, limit, CancellationToken.None);
            refusal = added ? null : JobErrors.TooManyJobs(active, limit);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException)
        {
            LogSubmitFailed(e, id);
            refusal = QuotaErrors.StorageUnavailable;
        }

        if (refusal is null)
        {
            return false;
        }

        await admitted.Admission.SettleAsync(answered: false, 0, 0, CancellationToken.None);
        if (refusal.Error.RetryAfter is { } seconds)
        {
            RateLimitHeaders.WriteRetryAfter(context.Response, seconds);
        }

        await OpenAIResponses.WriteErrorAsync(context.Response, refusal);
        return true;
    }

    /// <summary>
    /// Cleans up after a submit that failed before its work was sent. Scheduling can fail on the client's side after
    /// storage created the orchestration (a timeout): then the orchestration owns the reservation and is told the job
    /// failed, which releases it once. Only when there is no orchestration is the reservation given back here.
    /// </summary>
    private async Task AbandonAsync(DurableTaskClient client, string id, string partition, string keyId, Reservation reservation, Exception failure)
    {
        LogSubmitFailed(failure, id);
        bool exists;
        try
        {
            exists = await client.GetInstanceAsync(id, getInputsAndOutputs: false, CancellationToken.None) is not null;
        }
        catch (Exception)
        {
            exists = false; // storage is away, so scheduling most likely failed with it
        }

        if (exists)
        {
            await events.RaiseAsync(client, id, JobEvents.Result, DispatchFailed(id, partition), CancellationToken.None);
            return;
        }

        // Nothing will ever settle this reservation: give it back now. The row, if written, stays queued and
        // unsettled; it holds nothing. Its place among the key's jobs goes too (or lapses at its deadline).
        await quotas.SettleAsync(reservation, answered: false, 0, 0, CancellationToken.None);
        try
        {
            await activeJobs.RemoveAsync(keyId, id, CancellationToken.None);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException)
        {
            LogSubmitFailed(e, id);
        }
    }

    private static JobResultMessage DispatchFailed(string id, string partition) =>
        new(id, partition, false, 0, 0, 0, "dispatch_failed", "The job could not be queued for a worker; it was not run or billed.");

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Job {JobId}: submitting it failed")]
    private partial void LogSubmitFailed(Exception exception, string jobId);

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Job {JobId} submitted: {Kind} on {Model}, class {Priority}")]
    private partial void LogSubmitted(string jobId, string kind, string model, string priority);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Job {JobId}: its work message could not be sent; ending it failed")]
    private partial void LogDispatchFailed(Exception exception, string jobId);
}
