using Serverless.OpenAI.Models;

namespace Serverless.Api.Catalog;

/// <summary>A validated catalog model: a public model id served by the deployments listed, then by its fallbacks.</summary>
public sealed record CatalogModel(
    string Id,
    IReadOnlyList<string> Capabilities,
    int ContextLength,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<Deployment> Deployments,
    IReadOnlyList<string> Fallbacks,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The capability tags the catalog accepts.</summary>
    public static readonly IReadOnlyList<string> KnownCapabilities = ["chat", "completion", "embedding"];

    /// <summary>The model as <c>/v1/models</c> shows it.</summary>
    public Model ToModel() => new(
        Id,
        UpdatedAt.ToUnixTimeSeconds(),
        "catalog",
        new ModelCapabilities(Capabilities.Contains("completion"), Capabilities.Contains("chat"), Capabilities.Contains("embedding"), false),
        ContextLength,
        null);
}
