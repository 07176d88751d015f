using Serverless.Api.Admin;
using Serverless.Api.Auth;
using Serverless.Api.Batches.Http;
using Serverless.Api.Catalog;
using Serverless.Api.Chat;
using Serverless.Api.Completions;
using Serverless.Api.Docs;
using Serverless.Api.Embeddings;
using Serverless.Api.Files;
using Serverless.Api.Health;
using Serverless.Api.Identity;
using Serverless.Api.Jobs;
using Serverless.Api.Jobs.Http;
using Serverless.Api.Models;
using Serverless.Api.OpenApi;
using Serverless.Api.Prices;
using Serverless.Api.Quotas;
using Serverless.Api.Telemetry;
using Serverless.Api.Tiers;
using Serverless.Api.Usage;
using Serverless.Api.WebConsole;

namespace Serverless.Api.Routing;

/// <summary>The one route table both hosts serve; the Functions app's triggers use these constants and a test holds them to it.</summary>
public static class ApiRoutes
{
    /// <summary><c>GET</c>: the caller (key id, owner, role, scopes, models, tier).</summary>
    public const string Me = "v1/me";

    /// <summary><c>GET</c>: the models this deployment serves.</summary>
    public const string Models = "v1/models";

    /// <summary><c>GET</c>: one model.</summary>
    public const string Model = "v1/models/{id}";

    /// <summary><c>POST</c>: text completion.</summary>
    public const string Completions = "v1/completions";

    /// <summary><c>POST</c>: chat completion.</summary>
    public const string ChatCompletions = "v1/chat/completions";

    /// <summary><c>POST</c>: chat completion (the seed's short alias).</summary>
    public const string Chat = "v1/chat";

    /// <summary><c>POST</c>: text completion, always streamed (the seed's alias).</summary>
    public const string StreamingCompletions = "v1/streaming/completions";

    /// <summary><c>POST</c>: chat completion, always streamed (the seed's alias).</summary>
    public const string StreamingChat = "v1/streaming/chat";

    /// <summary><c>POST</c>: embeddings.</summary>
    public const string Embeddings = "v1/embeddings";

    /// <summary><c>GET</c> lists, <c>POST</c> creates API keys (admin).</summary>
    public const string AdminKeys = "v1/admin/keys";

    /// <summary><c>GET</c>, <c>PATCH</c>, <c>DELETE</c> (revoke) one API key (admin).</summary>
    public const string AdminKey = "v1/admin/keys/{id}";

    /// <summary><c>POST</c>: a new secret for a key (admin).</summary>
    public const string AdminKeyRotate = "v1/admin/keys/{id}/rotate";

    /// <summary><c>POST</c>: a new webhook secret for a key; the replaced one signs too for a grace period (admin).</summary>
    public const string AdminKeyWebhookSecretRotate = "v1/admin/keys/{id}/webhook_secret/rotate";

    /// <summary><c>DELETE</c>: stops a key's replaced webhook secret signing before its grace period ends (admin).</summary>
    public const string AdminKeyWebhookSecretPrevious = "v1/admin/keys/{id}/webhook_secret/previous";

    /// <summary><c>GET</c>: every tier (admin).</summary>
    public const string AdminTiers = "v1/admin/tiers";

    /// <summary><c>GET</c>, <c>PUT</c>: one tier's limits (admin).</summary>
    public const string AdminTier = "v1/admin/tiers/{name}";

    /// <summary><c>GET</c>: the caller's limits and what is left.</summary>
    public const string Quota = "v1/quota";

    /// <summary><c>GET</c>: usage and cost over a range, by model or by day (the seed's shape).</summary>
    public const string Usage = "v1/usage";

    /// <summary><c>GET</c>: usage and cost per day of this month, or of one day.</summary>
    public const string UsageDaily = "v1/usage/daily";

    /// <summary><c>GET</c>: every model's price (admin).</summary>
    public const string AdminPrices = "v1/admin/prices";

    /// <summary><c>GET</c>, <c>PUT</c>, <c>DELETE</c>: one model's price per 1K tokens (admin).</summary>
    public const string AdminPrice = "v1/admin/prices/{model}";

    /// <summary><c>GET</c>: every model of the catalog (admin).</summary>
    public const string AdminModels = "v1/admin/models";

    /// <summary><c>GET</c>, <c>PUT</c>, <c>DELETE</c>: one catalog model, its deployments and fallbacks (admin).</summary>
    public const string AdminModel = "v1/admin/models/{id}";

    /// <summary><c>POST</c> submits a completions job; <c>GET</c> lists the caller's jobs (two routes: they need different scopes).</summary>
    public const string AsyncCompletions = "v1/async/completions";

    /// <summary><c>POST</c>: submits a chat completions job.</summary>
    public const string AsyncChatCompletions = "v1/async/chat/completions";

    /// <summary><c>GET</c> polls a job (status, then its result); <c>DELETE</c> cancels it.</summary>
    public const string AsyncJob = "v1/async/completions/{id}";

    /// <summary><c>POST</c>: cancels a job.</summary>
    public const string AsyncJobCancel = "v1/async/completions/{id}/cancel";

    /// <summary>Upload and list files.</summary>
    public const string Files = "v1/files";

    /// <summary>One file.</summary>
    public const string File = "v1/files/{id}";

    /// <summary>A file's bytes.</summary>
    public const string FileContent = "v1/files/{id}/content";

    /// <summary>Create and list batches.</summary>
    public const string Batches = "v1/batches";

    /// <summary>One batch.</summary>
    public const string Batch = "v1/batches/{id}";

    /// <summary>Cancel a batch.</summary>
    public const string BatchCancel = "v1/batches/{id}/cancel";

    /// <summary><c>GET</c>: the OpenAPI document (anonymous).</summary>
    public const string OpenApi = "openapi/v1.json";

    /// <summary><c>GET</c>: the interactive API docs (Swagger UI on the OpenAPI document; anonymous).</summary>
    public const string Docs = "docs";

    /// <summary><c>GET</c>: the docs page's scripts and styles (anonymous).</summary>
    public const string DocsAsset = "docs/{asset}";

    /// <summary>The web console (anonymous: it asks for a key and calls the API with it).</summary>
    public const string Console = "console";

    /// <summary>The web console's scripts and styles.</summary>
    public const string ConsoleAsset = "console/assets/{asset}";

    /// <summary><c>GET</c>: liveness.</summary>
    public const string Health = "healthz";

    /// <summary><c>GET</c>: readiness (storage and worker reachable).</summary>
    public const string Ready = "readyz";

    /// <summary><c>GET</c>: Prometheus metrics (admin key or the metrics token).</summary>
    public const string Metrics = "metrics";

    /// <summary>Every method: whatever no other route serves, answered 404 or 405 in OpenAI's shape.</summary>
    public const string Unmatched = "{*path}";

    /// <summary>Methods the catch-all route answers.</summary>
    public static readonly IReadOnlyList<string> AllMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>Every route, the catch-all last.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("Me", ["GET"], Me, typeof(MeHandler), RouteAccess.Read),
        new("ListModels", ["GET"], Models, typeof(ListModelsHandler), RouteAccess.Read),
        new("GetModel", ["GET"], Model, typeof(GetModelHandler), RouteAccess.Read),
        new("Completions", ["POST"], Completions, typeof(CompletionsHandler), RouteAccess.Inference(Scopes.Completions)),
        new("StreamingCompletions", ["POST"], StreamingCompletions, typeof(CompletionsHandler), RouteAccess.Inference(Scopes.Completions)),
        new("ChatCompletions", ["POST"], ChatCompletions, typeof(ChatCompletionsHandler), RouteAccess.Inference(Scopes.Chat)),
        new("Chat", ["POST"], Chat, typeof(ChatCompletionsHandler), RouteAccess.Inference(Scopes.Chat)),
        new("StreamingChat", ["POST"], StreamingChat, typeof(ChatCompletionsHandler), RouteAccess.Inference(Scopes.Chat)),
        new("Embeddings", ["POST"], Embeddings, typeof(EmbeddingsHandler), RouteAccess.Inference(Scopes.Embeddings)),
        new("AdminKeys", ["GET", "POST"], AdminKeys, typeof(AdminKeysHandler), RouteAccess.Admin),
        new("AdminKey", ["GET", "PATCH", "DELETE"], AdminKey, typeof(AdminKeyHandler), RouteAccess.Admin),
        new("AdminKeyRotate", ["POST"], AdminKeyRotate, typeof(RotateKeyHandler), RouteAccess.Admin),
        new("AdminKeyWebhookSecretRotate", ["POST"], AdminKeyWebhookSecretRotate, typeof(WebhookSecretHandler), RouteAccess.Admin),
        new("AdminKeyWebhookSecretPrevious", ["DELETE"], AdminKeyWebhookSecretPrevious, typeof(WebhookSecretHandler), RouteAccess.Admin),
        new("AdminTiers", ["GET"], AdminTiers, typeof(AdminTiersHandler), RouteAccess.Admin),
        new("AdminTier", ["GET", "PUT"], AdminTier, typeof(AdminTierHandler), RouteAccess.Admin),
        new("Quota", ["GET"], Quota, typeof(QuotaHandler), RouteAccess.Usage),
        new("Usage", ["GET"], Usage, typeof(UsageHandler), RouteAccess.Usage),
        new("UsageDaily", ["GET"], UsageDaily, typeof(UsageHandler), RouteAccess.Usage),
        new("AdminPrices", ["GET"], AdminPrices, typeof(AdminPricesHandler), RouteAccess.Admin),
        new("AdminPrice", ["GET", "PUT", "DELETE"], AdminPrice, typeof(AdminPriceHandler), RouteAccess.Admin),
        new("AdminModels", ["GET"], AdminModels, typeof(AdminCatalogModelsHandler), RouteAccess.Admin),
        new("AdminModel", ["GET", "PUT", "DELETE"], AdminModel, typeof(AdminCatalogModelHandler), RouteAccess.Admin),
        new("AsyncCompletions", ["POST"], AsyncCompletions, typeof(AsyncCompletionsHandler), RouteAccess.Job(Scopes.Completions)),
        new("ListJobs", ["GET"], AsyncCompletions, typeof(JobListHandler), RouteAccess.Jobs),
        new("AsyncChatCompletions", ["POST"], AsyncChatCompletions, typeof(AsyncChatCompletionsHandler), RouteAccess.Job(Scopes.Chat)),
        new("AsyncJob", ["GET", "DELETE"], AsyncJob, typeof(AsyncJobHandler), RouteAccess.Jobs),
        new("AsyncJobCancel", ["POST"], AsyncJobCancel, typeof(AsyncJobHandler), RouteAccess.Jobs),
        new("Files", ["GET", "POST"], Files, typeof(FilesHandler), RouteAccess.Jobs),
        new("File", ["GET", "DELETE"], File, typeof(FileHandler), RouteAccess.Jobs),
        new("FileContent", ["GET"], FileContent, typeof(FileHandler), RouteAccess.Jobs),
        new("Batches", ["GET", "POST"], Batches, typeof(BatchesHandler), RouteAccess.Jobs),
        new("Batch", ["GET"], Batch, typeof(BatchHandler), RouteAccess.Jobs),
        new("BatchCancel", ["POST"], BatchCancel, typeof(BatchHandler), RouteAccess.Jobs),
        new("OpenApi", ["GET"], OpenApi, typeof(OpenApiHandler), null),
        new("Docs", ["GET"], Docs, typeof(DocsHandler), null),
        new("DocsAsset", ["GET"], DocsAsset, typeof(DocsHandler), null),
        new("Console", ["GET"], Console, typeof(ConsoleHandler), null),
        new("ConsoleAsset", ["GET"], ConsoleAsset, typeof(ConsoleHandler), null),
        new("Health", ["GET"], Health, typeof(HealthHandler), null),
        new("Ready", ["GET"], Ready, typeof(ReadinessHandler), null),
        new("Metrics", ["GET"], Metrics, typeof(MetricsHandler), null),
        new("Unmatched", AllMethods, Unmatched, typeof(UnmatchedRouteHandler), null),
    ];

    /// <summary>Looks a route up by name.</summary>
    public static ApiRoute Named(string name) => All.Single(r => r.Name == name);

    /// <summary>Whether the request asked for the seed's always-streaming aliases.</summary>
    public static bool IsStreamingAlias(string path) =>
        path.StartsWith("/v1/streaming/", StringComparison.OrdinalIgnoreCase);
}
