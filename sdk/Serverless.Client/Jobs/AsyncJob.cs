using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAI.Chat;
using Serverless.Client.Serialization;

namespace Serverless.Client.Jobs;

/// <summary>An async job, as <c>/v1/async/completions/{id}</c> answers it and as its webhook carries it.</summary>
/// <param name="Id">The job id (<c>job_...</c>).</param>
/// <param name="Status">One of <see cref="AsyncJobStatus"/>'s values.</param>
/// <param name="Created">When it was accepted (Unix seconds).</param>
/// <param name="Model">The model.</param>
/// <param name="StatusUrl">Where to poll it.</param>
/// <param name="Endpoint">What it runs: <c>/v1/completions</c> or <c>/v1/chat/completions</c>.</param>
/// <param name="ExpiresAt">When it expires unless done (Unix seconds).</param>
/// <param name="StartedAt">When a worker started it (Unix seconds).</param>
/// <param name="CompletedAt">When it ended (Unix seconds).</param>
/// <param name="Usage">Tokens billed, once it ended.</param>
/// <param name="Result">The OpenAI-shaped response body, once it succeeded (not in lists).</param>
/// <param name="Error">Why it did not succeed, once it failed, expired or was cancelled.</param>
/// <param name="Webhook">The URL called when it ends.</param>
/// <param name="WebhookDeliveries">Every call of the webhook so far (not in lists).</param>
public sealed record AsyncJob(
    string Id,
    string Status,
    long Created,
    string Model,
    string StatusUrl,
    string Endpoint,
    long ExpiresAt,
    long? StartedAt = null,
    long? CompletedAt = null,
    AsyncJobUsage? Usage = null,
    JsonElement? Result = null,
    AsyncJobError? Error = null,
    string? Webhook = null,
    IReadOnlyList<WebhookDelivery>? WebhookDeliveries = null)
{
    /// <summary>The object type: <c>async.job</c>.</summary>
    public string Object { get; init; } = "async.job";

    /// <summary>Whether the job has ended (<c>succeeded</c>, <c>failed</c>, <c>cancelled</c> or <c>expired</c>): its status will not change again.</summary>
    [JsonIgnore]
    public bool HasEnded => AsyncJobStatus.IsTerminal(Status);

    /// <summary>Reads a job object, for example the body of a webhook call (verify it first with <see cref="Webhooks.WebhookVerifier"/>).</summary>
    public static AsyncJob Parse(string json) =>
        JsonSerializer.Deserialize(json, ClientJsonContext.Default.AsyncJob) ?? throw new JsonException("The body is not a job object.");

    /// <summary>
    /// The result of a succeeded chat job as the OpenAI SDK's <see cref="ChatCompletion"/>; null while there is none
    /// (a job not yet succeeded, or one read from a list).
    /// </summary>
    public ChatCompletion? GetChatCompletion() =>
        Result is { } result ? ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromString(result.GetRawText())) : null;
}
