using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Cors;

/// <summary>Which browser origins may call the API from their pages, bound from the <c>Cors</c> section; none by default.</summary>
public sealed class CorsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Cors";

    /// <summary>
    /// The origins allowed, separated by commas (one app setting, <c>Cors__AllowedOrigins</c>, holds them all), each
    /// written as a browser sends it: <c>https://app.example.com</c>, <c>http://localhost:5173</c>. <c>*</c> alone
    /// allows every origin. Empty: CORS is off and browsers refuse cross-origin calls.
    /// </summary>
    public string? AllowedOrigins { get; set; }

    /// <summary>How long a browser may reuse a preflight's answer (Chromium caps it at 7200).</summary>
    [Range(0, 86400)]
    public int MaxAgeSeconds { get; set; } = 600;

    /// <summary>The configured origins, trimmed, empty entries dropped.</summary>
    internal IReadOnlyList<string> Origins =>
        (AllowedOrigins ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
