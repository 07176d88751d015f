using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Serverless.Api.Batches;
using Serverless.Api.Jobs;

namespace Serverless.Api.OpenApi;

/// <summary>
/// The document's <c>webhooks</c> (OpenAPI 3.1): the calls the API makes to a receiver when an async job or a batch
/// ends, with the body the senders serialize (<see cref="Jobs.Webhooks.JobWebhookCaller"/>,
/// <see cref="BatchWebhookCaller"/>) and the headers <see cref="Serverless.Api.Webhooks.WebhookSender"/> signs them with.
/// </summary>
internal static partial class OpenApiDescription
{
    private const string Signing =
        "Signed as OpenAI's webhooks and Standard Webhooks are: `webhook-signature` is `v1,` and the Base64 HMAC-SHA256 of "
        + "`{webhook-id}.{webhook-timestamp}.{body}` keyed with the submitting key's webhook secret (the bytes after `whsec_`, "
        + "Base64-decoded); during a secret rotation it carries one space-separated `v1,` value per secret, and either "
        + "verifies. The official OpenAI SDKs' `webhooks.unwrap(body, headers, secret)` and `Serverless.Client`'s "
        + "`WebhookVerifier` check it. Answer any 2xx to acknowledge; any other status, or no answer within "
        + "`Webhooks:Timeout` (10 s), and the call is repeated with exponential backoff and jitter for `Webhooks:RetryFor` "
        + "(24 h), with the same `webhook-id` (drop duplicates by it) and a fresh timestamp and signature. Every attempt "
        + "is listed on the object's `webhook_deliveries` when polled.";

    private static JsonObject Webhooks(IDictionary<string, JsonNode> schemas) => new()
    {
        ["asyncJobEnded"] = Webhook(
            "asyncJobEnded",
            "An async job ended",
            "Called on the job's `webhook`, else its key's default webhook, once the job is `succeeded`, `failed`, "
            + "`expired` or `cancelled`. The body is the job object as `GET /v1/async/completions/{id}` answers it, with "
            + "`result` and `usage` once it succeeded and `error` otherwise (without `webhook_deliveries`). " + Signing,
            "Async jobs",
            JobsJsonContext.Default.JobObject,
            "msg_{job id}",
            schemas),
        ["batchEnded"] = Webhook(
            "batchEnded",
            "A batch ended",
            "Called on the key's default webhook once a batch is `completed`, `failed`, `expired` or `cancelled`. The "
            + "body is the batch object as `GET /v1/batches/{id}` answers it. " + Signing,
            "Batch",
            BatchesJsonContext.Default.BatchObject,
            "msg_{batch id}",
            schemas),
    };

    private static JsonObject Webhook(
        string operationId, string summary, string description, string tag, JsonTypeInfo body, string messageId, IDictionary<string, JsonNode> schemas) => new()
    {
        ["post"] = new JsonObject
        {
            ["operationId"] = operationId,
            ["summary"] = summary,
            ["description"] = description,
            ["tags"] = new JsonArray(tag),
            ["parameters"] = new JsonArray(
                WebhookHeader("webhook-id", $"The message id, `{messageId}`: the same on every attempt."),
                WebhookHeader("webhook-timestamp", "When this attempt was signed, in Unix seconds; refuse one far from now (replays).", "integer"),
                WebhookHeader("webhook-signature", "`v1,<base64 HMAC-SHA256>`, one per signing secret, space-separated.")),
            ["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Schema(body, schemas) } },
            },
            ["responses"] = new JsonObject
            {
                ["2XX"] = new JsonObject { ["description"] = "Received: the call is not repeated." },
                ["default"] = new JsonObject { ["description"] = "Not received (as is no answer within the timeout): the call is repeated with backoff until Webhooks:RetryFor runs out." },
            },
            ["security"] = new JsonArray(),
        },
    };

    private static JsonObject WebhookHeader(string name, string description, string type = "string") => new()
    {
        ["name"] = name,
        ["in"] = "header",
        ["required"] = true,
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type },
    };
}
