using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Pipeline;

/// <summary>Settings of the HTTP surface, bound from the <c>Api</c> section.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Api";

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
