using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Relay;

/// <summary>Where the GPU worker's serve mode answers and how long to wait for it, bound from the <c>Worker</c> section.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Worker";

    /// <summary>Base URL of the worker's OpenAI-compatible serve mode, e.g. <c>http://127.0.0.1:8081/</c>.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The credential presented to the worker as a bearer token on every call (the worker's <c>Serve:ApiKey</c>): the
    /// worker answers nobody else. From Key Vault in Azure.
    /// </summary>
    /// <remarks>An unresolved Key Vault reference reaches the app as its literal text; refusing it at start names the problem.</remarks>
    [Required]
    [MinLength(16)]
    [RegularExpression(@"^(?!@Microsoft\.KeyVault\().*$", ErrorMessage = "Worker:ApiKey is an unresolved Key Vault reference.")]
    public string? ApiKey { get; set; }

    /// <summary>Longest wait for the worker's answer headers; below Azure's 230 s limit on HTTP triggers.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:03:50")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(200);

    /// <summary>How long a relayed stream may stay quiet before the gateway sends a comment line to keep proxies from closing it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan StreamHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the worker's model list is reused before it is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ModelListTtl { get; set; } = TimeSpan.FromSeconds(30);
}
