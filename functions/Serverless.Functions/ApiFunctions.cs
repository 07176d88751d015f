using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Api.Pipeline;
using Serverless.Api.Routing;

namespace Serverless.Functions;

/// <summary>
/// One HTTP trigger per route of <see cref="ApiRoutes"/>, each handing the request to the shared pipeline.
/// The handler writes the response itself (that is what lets streams flow), so each trigger returns an empty result.
/// </summary>
public sealed class ApiFunctions(ApiPipeline pipeline)
{
    /// <summary><c>GET /v1/me</c>.</summary>
    [Function("Me")]
    public Task<IActionResult> Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Me)] HttpRequest request) =>
        ServeAsync(request, "Me");

    /// <summary><c>GET /v1/models</c>.</summary>
    [Function("ListModels")]
    public Task<IActionResult> ListModels([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Models)] HttpRequest request) =>
        ServeAsync(request, "ListModels");

    /// <summary><c>GET /v1/models/{id}</c>.</summary>
    [Function("GetModel")]
    public Task<IActionResult> GetModel([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Model)] HttpRequest request) =>
        ServeAsync(request, "GetModel");

    /// <summary><c>POST /v1/completions</c>.</summary>
    [Function("Completions")]
    public Task<IActionResult> Completions([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Completions)] HttpRequest request) =>
        ServeAsync(request, "Completions");

    /// <summary><c>POST /v1/streaming/completions</c>.</summary>
    [Function("StreamingCompletions")]
    public Task<IActionResult> StreamingCompletions([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.StreamingCompletions)] HttpRequest request) =>
        ServeAsync(request, "StreamingCompletions");

    /// <summary><c>POST /v1/chat/completions</c>.</summary>
    [Function("ChatCompletions")]
    public Task<IActionResult> ChatCompletions([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ChatCompletions)] HttpRequest request) =>
        ServeAsync(request, "ChatCompletions");

    /// <summary><c>POST /v1/chat</c>.</summary>
    [Function("Chat")]
    public Task<IActionResult> Chat([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Chat)] HttpRequest request) =>
        ServeAsync(request, "Chat");

    /// <summary><c>POST /v1/streaming/chat</c>.</summary>
    [Function("StreamingChat")]
    public Task<IActionResult> StreamingChat([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.StreamingChat)] HttpRequest request) =>
        ServeAsync(request, "StreamingChat");

    /// <summary><c>POST /v1/embeddings</c>.</summary>
    [Function("Embeddings")]
    public Task<IActionResult> Embeddings([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Embeddings)] HttpRequest request) =>
        ServeAsync(request, "Embeddings");

    /// <summary><c>GET</c>, <c>POST /v1/admin/keys</c>.</summary>
    [Function("AdminKeys")]
    public Task<IActionResult> AdminKeys([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = ApiRoutes.AdminKeys)] HttpRequest request) =>
        ServeAsync(request, "AdminKeys");

    /// <summary><c>GET</c>, <c>PATCH</c>, <c>DELETE /v1/admin/keys/{id}</c>.</summary>
    [Function("AdminKey")]
    public Task<IActionResult> AdminKey([HttpTrigger(AuthorizationLevel.Anonymous, "get", "patch", "delete", Route = ApiRoutes.AdminKey)] HttpRequest request) =>
        ServeAsync(request, "AdminKey");

    /// <summary><c>POST /v1/admin/keys/{id}/rotate</c>.</summary>
    [Function("AdminKeyRotate")]
    public Task<IActionResult> AdminKeyRotate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.AdminKeyRotate)] HttpRequest request) =>
        ServeAsync(request, "AdminKeyRotate");

    /// <summary><c>POST /v1/admin/keys/{id}/webhook_secret/rotate</c>.</summary>
    [Function("AdminKeyWebhookSecretRotate")]
    public Task<IActionResult> AdminKeyWebhookSecretRotate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.AdminKeyWebhookSecretRotate)] HttpRequest request) =>
        ServeAsync(request, "AdminKeyWebhookSecretRotate");

    /// <summary><c>DELETE /v1/admin/keys/{id}/webhook_secret/previous</c>.</summary>
    [Function("AdminKeyWebhookSecretPrevious")]
    public Task<IActionResult> AdminKeyWebhookSecretPrevious([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.AdminKeyWebhookSecretPrevious)] HttpRequest request) =>
        ServeAsync(request, "AdminKeyWebhookSecretPrevious");

    /// <summary><c>GET /v1/admin/tiers</c>.</summary>
    [Function("AdminTiers")]
    public Task<IActionResult> AdminTiers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AdminTiers)] HttpRequest request) =>
        ServeAsync(request, "AdminTiers");

    /// <summary><c>GET</c>, <c>PUT /v1/admin/tiers/{name}</c>.</summary>
    [Function("AdminTier")]
    public Task<IActionResult> AdminTier([HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = ApiRoutes.AdminTier)] HttpRequest request) =>
        ServeAsync(request, "AdminTier");

    /// <summary><c>GET /v1/quota</c>.</summary>
    [Function("Quota")]
    public Task<IActionResult> Quota([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Quota)] HttpRequest request) =>
        ServeAsync(request, "Quota");

    /// <summary><c>GET /v1/usage</c>.</summary>
    [Function("Usage")]
    public Task<IActionResult> Usage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Usage)] HttpRequest request) =>
        ServeAsync(request, "Usage");

    /// <summary><c>GET /v1/usage/daily</c>.</summary>
    [Function("UsageDaily")]
    public Task<IActionResult> UsageDaily([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.UsageDaily)] HttpRequest request) =>
        ServeAsync(request, "UsageDaily");

    /// <summary><c>GET /v1/admin/prices</c>.</summary>
    [Function("AdminPrices")]
    public Task<IActionResult> AdminPrices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AdminPrices)] HttpRequest request) =>
        ServeAsync(request, "AdminPrices");

    /// <summary><c>GET</c>, <c>PUT</c>, <c>DELETE /v1/admin/prices/{model}</c>.</summary>
    [Function("AdminPrice")]
    public Task<IActionResult> AdminPrice([HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", "delete", Route = ApiRoutes.AdminPrice)] HttpRequest request) =>
        ServeAsync(request, "AdminPrice");

    /// <summary><c>GET /v1/admin/models</c>.</summary>
    [Function("AdminModels")]
    public Task<IActionResult> AdminModels([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AdminModels)] HttpRequest request) =>
        ServeAsync(request, "AdminModels");

    /// <summary><c>GET</c>, <c>PUT</c>, <c>DELETE /v1/admin/models/{id}</c>.</summary>
    [Function("AdminModel")]
    public Task<IActionResult> AdminModel([HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", "delete", Route = ApiRoutes.AdminModel)] HttpRequest request) =>
        ServeAsync(request, "AdminModel");

    /// <summary><c>GET</c>, <c>POST /v1/files</c>.</summary>
    [Function("Files")]
    public Task<IActionResult> Files([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = ApiRoutes.Files)] HttpRequest request) =>
        ServeAsync(request, "Files");

    /// <summary><c>GET</c>, <c>DELETE /v1/files/{id}</c>.</summary>
    [Function("File")]
    public Task<IActionResult> File([HttpTrigger(AuthorizationLevel.Anonymous, "get", "delete", Route = ApiRoutes.File)] HttpRequest request) =>
        ServeAsync(request, "File");

    /// <summary><c>GET /v1/files/{id}/content</c>.</summary>
    [Function("FileContent")]
    public Task<IActionResult> FileContent([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.FileContent)] HttpRequest request) =>
        ServeAsync(request, "FileContent");

    /// <summary><c>GET /openapi/v1.json</c>.</summary>
    [Function("OpenApi")]
    public Task<IActionResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpenApi)] HttpRequest request) =>
        ServeAsync(request, "OpenApi");

    /// <summary><c>GET /docs</c>.</summary>
    [Function("Docs")]
    public Task<IActionResult> Docs([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Docs)] HttpRequest request) =>
        ServeAsync(request, "Docs");

    /// <summary><c>GET /docs/{asset}</c>.</summary>
    [Function("DocsAsset")]
    public Task<IActionResult> DocsAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DocsAsset)] HttpRequest request) =>
        ServeAsync(request, "DocsAsset");

    /// <summary><c>GET /console</c>.</summary>
    [Function("Console")]
    public Task<IActionResult> Console([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Console)] HttpRequest request) =>
        ServeAsync(request, "Console");

    /// <summary><c>GET /console/assets/{asset}</c>.</summary>
    [Function("ConsoleAsset")]
    public Task<IActionResult> ConsoleAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ConsoleAsset)] HttpRequest request) =>
        ServeAsync(request, "ConsoleAsset");

    /// <summary><c>GET /healthz</c>.</summary>
    [Function("Health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request) =>
        ServeAsync(request, "Health");

    /// <summary><c>GET /readyz</c>.</summary>
    [Function("Ready")]
    public Task<IActionResult> Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Ready)] HttpRequest request) =>
        ServeAsync(request, "Ready");

    /// <summary><c>GET /metrics</c>.</summary>
    [Function("Metrics")]
    public Task<IActionResult> Metrics([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Metrics)] HttpRequest request) =>
        ServeAsync(request, "Metrics");

    /// <summary>Every other path: an OpenAI-shaped 404 or 405 instead of the host's own page.</summary>
    [Function("Unmatched")]
    public Task<IActionResult> Unmatched(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = ApiRoutes.Unmatched)] HttpRequest request) =>
        ServeAsync(request, "Unmatched");

    private async Task<IActionResult> ServeAsync(HttpRequest request, string routeName)
    {
        await pipeline.InvokeAsync(request.HttpContext, ApiRoutes.Named(routeName));
        return new EmptyResult();
    }
}
