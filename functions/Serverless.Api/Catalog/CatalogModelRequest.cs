namespace Serverless.Api.Catalog;

/// <summary>The body of <c>PUT /v1/admin/models/{id}</c>: what the model can do, how it is reached, and what to try when it cannot be.</summary>
public sealed record CatalogModelRequest
{
    /// <summary>Capability tags: <c>chat</c>, <c>completion</c>, <c>embedding</c>.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>The model's context window in tokens.</summary>
    public int? ContextLength { get; init; }

    /// <summary>Other names requests may use for the model.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>Where the model is served; at least one.</summary>
    public IReadOnlyList<DeploymentObject>? Deployments { get; init; }

    /// <summary>Other catalog models to try, in order, when no deployment of this one answers.</summary>
    public IReadOnlyList<string>? Fallbacks { get; init; }
}
