using System.Text.Json;
using Serverless.Api.Webhooks;
using TokenUsage = Serverless.OpenAI.Common.Usage;

namespace Serverless.Api.Jobs;

/// <summary>An async job as the API shows it (and as its webhook carries it).</summary>
/// <param name="Id">The job id.</param>
/// <param name="Status">One of <see cref="Serverless.Jobs.JobStatus"/>.</param>
/// <param name="Created">When it was accepted (Unix seconds).</param>
/// <param name="Model">The model.</param>
/// <param name="StatusUrl">Where to poll it.</param>
/// <param name="Endpoint">What it runs: <c>/v1/completions</c> or <c>/v1/chat/completions</c>.</param>
/// <param name="ExpiresAt">When it expires unless done (Unix seconds).</param>
/// <param name="StartedAt">When a worker started it (Unix seconds).</param>
/// <param name="CompletedAt">When it ended (Unix seconds).</param>
/// <param name="Usage">Tokens billed, once it ended.</param>
/// <param name="Result">The OpenAI-shaped response, once it succeeded.</param>
/// <param name="Error">What went wrong, once it failed, expired or was cancelled.</param>
/// <param name="Webhook">The URL called when it ends.</param>
/// <param name="WebhookDeliveries">Every call of the webhook so far.</param>
public sealed record JobObject(
    string Id,
    string Status,
    long Created,
    string Model,
    string StatusUrl,
    string Endpoint,
    long ExpiresAt,
    long? StartedAt = null,
    long? CompletedAt = null,
    TokenUsage? Usage = null,
    JsonElement? Result = null,
    JobError? Error = null,
    string? Webhook = null,
    IReadOnlyList<WebhookDelivery>? WebhookDeliveries = null)
{
    /// <summary>The object type, as OpenAI names its objects.</summary>
    public string Object => "async.job";
}
