using Serverless.Api.Auth;
using Serverless.Api.Chat;
using Serverless.Api.Completions;
using Serverless.Api.Embeddings;

namespace Serverless.Api.Batches;

/// <summary>The endpoints a batch may call, and the route that serves each.</summary>
internal static class BatchEndpoints
{
    /// <summary>Every endpoint a batch may call, with the handler of its route.</summary>
    public static IReadOnlyDictionary<string, Type> All { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["/v1/chat/completions"] = typeof(ChatCompletionsHandler),
        ["/v1/completions"] = typeof(CompletionsHandler),
        ["/v1/embeddings"] = typeof(EmbeddingsHandler),
    };

    /// <summary>The scope a key needs for a batch calling <paramref name="endpoint"/>, as for the route itself.</summary>
    public static string ScopeOf(string endpoint) => endpoint switch
    {
        "/v1/chat/completions" => Scopes.Chat,
        "/v1/completions" => Scopes.Completions,
        _ => Scopes.Embeddings,
    };

    /// <summary>The usage record's endpoint name for a batch line: the route's, marked batch.</summary>
    public static string UsageEndpoint(string endpoint) => "batch" + endpoint;
}
