using Serverless.Api.Catalog;

namespace Serverless.Api.Upstreams;

/// <summary>How an admitted request to a catalog model is routed.</summary>
/// <param name="Models">The requested model, then the fallbacks the caller may use, in order.</param>
/// <param name="CompletionTokens">The completion tokens admitted (for all choices): an <c>openai</c> upstream gets a <c>max_tokens</c> within it.</param>
internal sealed record RoutePlan(IReadOnlyList<CatalogModel> Models, long CompletionTokens);
