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
}
