namespace Serverless.Api.Jobs;

/// <summary>What <see cref="SettleJobActivity"/> tells the orchestration: the job's end status and whether to call a webhook.</summary>
/// <param name="Status">The end status.</param>
/// <param name="HasWebhook">Whether the job has a webhook.</param>
public sealed record JobEnded(string Status, bool HasWebhook);
