using System.ComponentModel.DataAnnotations;

namespace Serverless.Worker.Serving;

/// <summary>Settings of the serve mode, bound from the <c>Serve</c> section.</summary>
public sealed class ServeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Serve";

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Build the default models into the models folder at start when they are missing.</summary>
    public bool BuildDefaultModels { get; set; } = true;

    /// <summary>
    /// The credential the API presents as a bearer token on <c>/v1/*</c> and <c>/metrics</c> (the API's
    /// <c>Worker:ApiKey</c>); serve mode refuses to start without it. From Key Vault in Azure.
    /// </summary>
    /// <remarks>Not <c>[Required]</c>: the job mode shares these settings' assembly and never serves.</remarks>
    [MinLength(16)]
    public string? ApiKey { get; set; }

    /// <summary>A second accepted credential, so the key can be rolled without a moment where the API and the worker disagree.</summary>
    [MinLength(16)]
    public string? PreviousApiKey { get; set; }

    /// <summary>A bearer token that opens <c>/metrics</c> only, so a scraper needs no key that runs inference.</summary>
    [MinLength(16)]
    public string? MetricsToken { get; set; }
}
