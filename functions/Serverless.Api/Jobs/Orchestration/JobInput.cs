namespace Serverless.Api.Jobs.Orchestration;

/// <summary>The input of a job's orchestration; settings travel in it because an orchestrator takes no services.</summary>
/// <param name="JobId">The job id, also the instance id.</param>
/// <param name="Partition">The job row's partition.</param>
/// <param name="ExpiresAt">When the job ends <c>expired</c> unless done.</param>
/// <param name="WebhookFirstRetry">The wait before the first webhook retry.</param>
/// <param name="WebhookMaxDelay">The longest wait between webhook calls.</param>
/// <param name="WebhookRetryFor">How long webhook calls are retried.</param>
public sealed record JobInput(
    string JobId,
    string Partition,
    DateTimeOffset ExpiresAt,
    TimeSpan WebhookFirstRetry,
    TimeSpan WebhookMaxDelay,
    TimeSpan WebhookRetryFor);
