using Serverless.Api.Admin;
using Serverless.Api.Batches;
using Serverless.Api.Catalog;
using Serverless.Api.Files;
using Serverless.Api.Health;
using Serverless.Api.Jobs;
using Serverless.Api.Prices;
using Serverless.Api.Identity;
using Serverless.Api.Quotas;
using Serverless.Api.Tiers;
using Serverless.Api.Usage;
using Serverless.OpenAI.Serialization;

namespace Serverless.Api.OpenApi;

/// <summary>The wire types of every route and method of <see cref="Routing.ApiRoutes"/>; a test holds the two tables to each other.</summary>
internal static class OperationContracts
{
    private static readonly string[] Page = ["limit", "after"];

    private const string ChatExample = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Hello"}],"max_tokens":16}""";

    private const string CompletionExample = """{"model":"gpt2-tiny","prompt":"Once upon a time","max_tokens":16}""";

    private const string EmbeddingExample = """{"model":"all-minilm-l6-v2","input":["A man is eating food."]}""";

    /// <summary>By route name and upper-case method.</summary>
    public static IReadOnlyDictionary<(string Route, string Method), OperationContract> All { get; } = new Dictionary<(string, string), OperationContract>
    {
        [("Me", "GET")] = new("The caller: key id, owner, role, the scopes it holds, its models and tier (any key)", "Keys", Response: IdentityJsonContext.Default.CallerView),
        [("ListModels", "GET")] = new("List the models this deployment serves", "Models", Response: OpenAIJsonContext.Default.ModelList),
        [("GetModel", "GET")] = new("Get one model", "Models", Response: OpenAIJsonContext.Default.Model),
        [("Completions", "POST")] = new("Create a text completion", "Inference", OpenAIJsonContext.Default.CompletionRequest, OpenAIJsonContext.Default.Completion, StreamEvent: OpenAIJsonContext.Default.Completion, Example: CompletionExample),
        [("StreamingCompletions", "POST")] = new("Create a text completion, always streamed", "Inference", OpenAIJsonContext.Default.CompletionRequest, StreamEvent: OpenAIJsonContext.Default.Completion, Example: CompletionExample),
        [("ChatCompletions", "POST")] = new("Create a chat completion", "Inference", OpenAIJsonContext.Default.ChatCompletionRequest, OpenAIJsonContext.Default.ChatCompletion, StreamEvent: OpenAIJsonContext.Default.ChatCompletionChunk, Example: ChatExample),
        [("Chat", "POST")] = new("Create a chat completion (alias of /v1/chat/completions)", "Inference", OpenAIJsonContext.Default.ChatCompletionRequest, OpenAIJsonContext.Default.ChatCompletion, StreamEvent: OpenAIJsonContext.Default.ChatCompletionChunk, Example: ChatExample),
        [("StreamingChat", "POST")] = new("Create a chat completion, always streamed", "Inference", OpenAIJsonContext.Default.ChatCompletionRequest, StreamEvent: OpenAIJsonContext.Default.ChatCompletionChunk, Example: ChatExample),
        [("Embeddings", "POST")] = new("Create embeddings", "Inference", OpenAIJsonContext.Default.EmbeddingRequest, OpenAIJsonContext.Default.EmbeddingList, Example: EmbeddingExample),
        [("AdminKeys", "GET")] = new("List API keys", "Admin", Response: AdminJsonContext.Default.KeyList, Query: ["owner", .. Page]),
        [("AdminKeys", "POST")] = new("Create an API key (its secret is shown this once)", "Admin", AdminJsonContext.Default.KeyRequest, AdminJsonContext.Default.KeyObject, 201),
        [("AdminKey", "GET")] = new("Get an API key", "Admin", Response: AdminJsonContext.Default.KeyObject),
        [("AdminKey", "PATCH")] = new("Change an API key's name, scopes, models or limits", "Admin", AdminJsonContext.Default.KeyRequest, AdminJsonContext.Default.KeyObject),
        [("AdminKey", "DELETE")] = new("Revoke an API key", "Admin", Response: AdminJsonContext.Default.KeyObject),
        [("AdminKeyRotate", "POST")] = new("Issue a new secret for a key; the old one works for a grace period", "Admin", AdminJsonContext.Default.RotateRequest, AdminJsonContext.Default.KeyObject),
        [("AdminKeyWebhookSecretRotate", "POST")] = new("Issue a new webhook secret for a key; both sign for a grace period", "Admin", AdminJsonContext.Default.RotateRequest, AdminJsonContext.Default.KeyObject),
        [("AdminKeyWebhookSecretPrevious", "DELETE")] = new("Stop a key's previous webhook secret signing", "Admin", Response: AdminJsonContext.Default.KeyObject),
        [("AdminTiers", "GET")] = new("List tiers", "Admin", Response: TierJsonContext.Default.TierList),
        [("AdminTier", "GET")] = new("Get a tier's limits", "Admin", Response: TierJsonContext.Default.TierObject),
        [("AdminTier", "PUT")] = new("Set a tier's limits", "Admin", TierJsonContext.Default.TierRequest, TierJsonContext.Default.TierObject),
        [("Quota", "GET")] = new("The caller's limits and what is left of each", "Usage", Response: QuotaJsonContext.Default.QuotaView),
        [("Usage", "GET")] = new("Usage and cost over a range, by model or by day", "Usage", Response: UsageJsonContext.Default.UsageList, Query: ["start", "end", "group_by", "owner"]),
        [("UsageDaily", "GET")] = new("Usage and cost per day of this month, or of one day", "Usage", Response: UsageJsonContext.Default.UsageList, Query: ["date", "group_by", "owner"]),
        [("AdminPrices", "GET")] = new("List model prices", "Admin", Response: PricesJsonContext.Default.PriceList),
        [("AdminPrice", "GET")] = new("Get a model's price", "Admin", Response: PricesJsonContext.Default.PriceObject),
        [("AdminPrice", "PUT")] = new("Set a model's price per 1K tokens", "Admin", PricesJsonContext.Default.PriceRequest, PricesJsonContext.Default.PriceObject),
        [("AdminPrice", "DELETE")] = new("Remove a model's price", "Admin", Response: PricesJsonContext.Default.PriceObject),
        [("AdminModels", "GET")] = new("List the model catalog: public models, their deployments, aliases and fallbacks", "Admin", Response: CatalogJsonContext.Default.CatalogModelList),
        [("AdminModel", "GET")] = new("Get a catalog model", "Admin", Response: CatalogJsonContext.Default.CatalogModelObject),
        [("AdminModel", "PUT")] = new("Create or replace a catalog model (every instance has it within Catalog:RefreshInterval)", "Admin", CatalogJsonContext.Default.CatalogModelRequest, CatalogJsonContext.Default.CatalogModelObject,
            Example: """{"capabilities":["chat","completion"],"context_length":8192,"aliases":["llama"],"deployments":[{"id":"gpu-east","kind":"worker","base_url":"http://worker-east:8080/v1","weight":3},{"id":"azure-backup","kind":"openai","base_url":"https://example.openai.azure.com/openai/v1","model":"gpt-4o-mini","credential":"AzureOpenAI--Key","weight":1,"priority":2}],"fallbacks":["gpt2-tiny"]}"""),
        [("AdminModel", "DELETE")] = new("Remove a catalog model", "Admin", Response: CatalogJsonContext.Default.CatalogModelObject),
        [("AsyncCompletions", "POST")] = new("Submit a text completion job", "Async jobs", OpenAIJsonContext.Default.CompletionRequest, JobsJsonContext.Default.JobObject, 202, JobsJsonContext.Default.AsyncJobFields,
            Example: """{"model":"gpt2-tiny","prompt":"Once upon a time","max_tokens":16,"webhook":"https://example.com/hooks/jobs"}"""),
        [("ListJobs", "GET")] = new("List the caller's jobs (status= filters; admins may name an owner)", "Async jobs", Response: JobsJsonContext.Default.JobList, Query: ["owner", "status", .. Page]),
        [("AsyncChatCompletions", "POST")] = new("Submit a chat completion job", "Async jobs", OpenAIJsonContext.Default.ChatCompletionRequest, JobsJsonContext.Default.JobObject, 202, JobsJsonContext.Default.AsyncJobFields,
            Example: """{"model":"gpt2-tiny","messages":[{"role":"user","content":"Hello"}],"max_tokens":16,"webhook":"https://example.com/hooks/jobs","timeout_seconds":600}"""),
        [("AsyncJob", "GET")] = new("Poll a job: its status, then its result and usage", "Async jobs", Response: JobsJsonContext.Default.JobObject),
        [("AsyncJob", "DELETE")] = new("Cancel a job", "Async jobs", Response: JobsJsonContext.Default.JobObject),
        [("AsyncJobCancel", "POST")] = new("Cancel a job", "Async jobs", Response: JobsJsonContext.Default.JobObject),
        [("Files", "GET")] = new("List files", "Batch", Response: FilesJsonContext.Default.FileList, Query: Page),
        [("Files", "POST")] = new("Upload a file (multipart: file, purpose=batch)", "Batch", Response: FilesJsonContext.Default.FileObject, RequestMediaType: "multipart/form-data"),
        [("File", "GET")] = new("Get a file", "Batch", Response: FilesJsonContext.Default.FileObject),
        [("File", "DELETE")] = new("Delete a file", "Batch", Response: FilesJsonContext.Default.FileDeleted),
        [("FileContent", "GET")] = new("A file's bytes", "Batch", ResponseMediaType: "application/octet-stream"),
        [("Batches", "GET")] = new("List batches", "Batch", Response: BatchesJsonContext.Default.BatchList, Query: Page),
        [("Batches", "POST")] = new("Create a batch", "Batch", BatchesJsonContext.Default.BatchCreateRequest, BatchesJsonContext.Default.BatchObject),
        [("Batch", "GET")] = new("Get a batch", "Batch", Response: BatchesJsonContext.Default.BatchObject),
        [("BatchCancel", "POST")] = new("Cancel a batch", "Batch", Response: BatchesJsonContext.Default.BatchObject),
        [("OpenApi", "GET")] = new("This OpenAPI document", "Operations", ResponseMediaType: "application/json"),
        [("Docs", "GET")] = new("Interactive docs of this document (Swagger UI): paste a key under Authorize, then try a call", "Operations", ResponseMediaType: "text/html"),
        [("DocsAsset", "GET")] = new("The docs page's scripts and styles", "Operations", ResponseMediaType: "application/octet-stream"),
        [("Console", "GET")] = new("The web console: sign in with a key to see usage, quota, jobs and models, use the playground, and (admins) manage keys, tiers and prices", "Operations", ResponseMediaType: "text/html"),
        [("ConsoleAsset", "GET")] = new("The web console's scripts and styles", "Operations", ResponseMediaType: "application/octet-stream"),
        [("Health", "GET")] = new("Liveness", "Operations", ResponseMediaType: "application/json"),
        [("Ready", "GET")] = new("Readiness: storage and the worker reachable (503 when not)", "Operations", Response: HealthJsonContext.Default.ReadinessReport),
        [("Metrics", "GET")] = new("Prometheus metrics (an admin key or the metrics token)", "Operations", ResponseMediaType: "text/plain"),
    };
}
