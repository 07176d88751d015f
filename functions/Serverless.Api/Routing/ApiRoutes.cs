using Serverless.Api.Chat;
using Serverless.Api.Completions;
using Serverless.Api.Embeddings;
using Serverless.Api.Health;
using Serverless.Api.Models;

namespace Serverless.Api.Routing;

/// <summary>The one route table both hosts serve; the Functions app's triggers use these constants and a test holds them to it.</summary>
public static class ApiRoutes
{
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

    /// <summary><c>GET</c>: liveness.</summary>
    public const string Health = "healthz";

    /// <summary>Every method: whatever no other route serves, answered 404 or 405 in OpenAI's shape.</summary>
    public const string Unmatched = "{*path}";

    /// <summary>Methods the catch-all route answers.</summary>
    public static readonly IReadOnlyList<string> AllMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>Every route, the catch-all last.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("ListModels", ["GET"], Models, typeof(ListModelsHandler)),
        new("GetModel", ["GET"], Model, typeof(GetModelHandler)),
        new("Completions", ["POST"], Completions, typeof(CompletionsHandler)),
        new("StreamingCompletions", ["POST"], StreamingCompletions, typeof(CompletionsHandler)),
        new("ChatCompletions", ["POST"], ChatCompletions, typeof(ChatCompletionsHandler)),
        new("Chat", ["POST"], Chat, typeof(ChatCompletionsHandler)),
        new("StreamingChat", ["POST"], StreamingChat, typeof(ChatCompletionsHandler)),
        new("Embeddings", ["POST"], Embeddings, typeof(EmbeddingsHandler)),
        new("Health", ["GET"], Health, typeof(HealthHandler)),
        new("Unmatched", AllMethods, Unmatched, typeof(UnmatchedRouteHandler)),
    ];

    /// <summary>Looks a route up by name.</summary>
    public static ApiRoute Named(string name) => All.Single(r => r.Name == name);

    /// <summary>Whether the request asked for the seed's always-streaming aliases.</summary>
    public static bool IsStreamingAlias(string path) =>
        path.StartsWith("/v1/streaming/", StringComparison.OrdinalIgnoreCase);
}
