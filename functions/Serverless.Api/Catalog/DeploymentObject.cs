namespace Serverless.Api.Catalog;

/// <summary>One deployment of a catalog model as the admin API takes and shows it; every field is optional on the wire and checked by <see cref="CatalogValidator"/>.</summary>
public sealed record DeploymentObject
{
    /// <summary>The deployment's id, unique within its model; the <c>x-served-by</c> header names it.</summary>
    public string? Id { get; init; }

    /// <summary><c>worker</c> (a worker's serve mode) or <c>openai</c> (any OpenAI-compatible upstream).</summary>
    public string? Kind { get; init; }

    /// <summary>The absolute base URL the OpenAI paths are appended to, e.g. <c>https://example.openai.azure.com/openai/v1</c>.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The model name the upstream knows; the public model id when absent.</summary>
    public string? Model { get; init; }

    /// <summary>The name of the configuration setting that holds the upstream's key (<c>--</c> stands for <c>:</c>); never the key itself.</summary>
    public string? Credential { get; init; }

    /// <summary>The deployment's share of its priority group's traffic (default 1).</summary>
    public int? Weight { get; init; }

    /// <summary>The priority group: lower groups are tried first (default 1).</summary>
    public int? Priority { get; init; }

    /// <summary>The most calls in flight at once; unlimited when absent.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>The longest wait for the answer's headers, in seconds (default 60).</summary>
    public int? TimeoutSeconds { get; init; }
}
