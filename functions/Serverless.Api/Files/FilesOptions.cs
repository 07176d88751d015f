using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Files;

/// <summary>Limits of the Files API (section <c>Files</c>).</summary>
public sealed class FilesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Files";

    /// <summary>The largest upload, in bytes (default 100 MB: the Functions host's own request limit).</summary>
    [Range(1024, 1L << 30)]
    public long MaxUploadBytes { get; set; } = 100_000_000;

    /// <summary>The most files a page lists.</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 10_000;
}
