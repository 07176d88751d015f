namespace Serverless.Api.Catalog;

/// <summary>A validated deployment of a catalog model.</summary>
/// <param name="Id">Unique within its model.</param>
/// <param name="Kind">How it is called.</param>
/// <param name="BaseUrl">The base URL, ending in <c>/</c>, that OpenAI paths (<c>chat/completions</c>) are appended to.</param>
/// <param name="Model">The model name the upstream knows.</param>
/// <param name="Credential">The configuration name of its key (<see cref="DeploymentKind.OpenAI"/> only).</param>
/// <param name="Weight">Its share of its group's traffic.</param>
/// <param name="Priority">Its priority group; lower first.</param>
/// <param name="MaxConcurrency">The most calls in flight at once, or null for no cap.</param>
/// <param name="Timeout">The longest wait for the answer's headers.</param>
public sealed record Deployment(
    string Id, DeploymentKind Kind, Uri BaseUrl, string Model, string? Credential, int Weight, int Priority, int? MaxConcurrency, TimeSpan Timeout)
{
    /// <summary>The wire form of the deployment.</summary>
    public DeploymentObject ToObject() => new()
    {
        Id = Id,
        Kind = Kind == DeploymentKind.Worker ? "worker" : "openai",
        BaseUrl = BaseUrl.ToString(),
        Model = Model,
        Credential = Credential,
        Weight = Weight,
        Priority = Priority,
        MaxConcurrency = MaxConcurrency,
        TimeoutSeconds = (int)Timeout.TotalSeconds,
    };
}
