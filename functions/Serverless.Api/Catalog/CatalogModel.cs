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

    /// <summary>The id of the deployment that stands for the API's own worker when a worker model is a fallback.</summary>
    public const string WorkerDeploymentId = "worker";

    /// <summary>A model the API's own worker serves, as a catalog model with that worker as its one deployment, so it can be a fallback.</summary>
    public static CatalogModel OfWorker(Model model, Uri workerBaseUrl, TimeSpan timeout) => new(
        model.Id,
        [.. model.Capabilities.Chat ? ["chat"] : Array.Empty<string>(), .. model.Capabilities.Completion ? ["completion"] : Array.Empty<string>(), .. model.Capabilities.Embedding ? ["embedding"] : Array.Empty<string>()],
        model.ContextLength,
        [],
        [new Deployment(WorkerDeploymentId, DeploymentKind.Worker, new Uri(workerBaseUrl, "v1/"), model.Id, null, 1, 1, null, timeout)],
        [],
        DateTimeOffset.FromUnixTimeSeconds(model.Created));

    /// <summary>The model as <c>/v1/models</c> shows it.</summary>
    public Model ToModel() => new(
        Id,
        UpdatedAt.ToUnixTimeSeconds(),
        "catalog",
        new ModelCapabilities(Capabilities.Contains("completion"), Capabilities.Contains("chat"), Capabilities.Contains("embedding"), false),
        ContextLength,
        null);
}
