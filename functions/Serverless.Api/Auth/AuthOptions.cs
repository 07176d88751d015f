using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.Auth;

/// <summary>How callers are authenticated, bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Auth";

    /// <summary>The server-side secret mixed into every key hash (HMAC-SHA256 key); from Key Vault in Azure.</summary>
    /// <remarks>
    /// An unresolved Key Vault reference reaches the app as its literal text; refusing it at start keeps that
    /// text from silently becoming the pepper.
    /// </remarks>
    [Required]
    [MinLength(16)]
    [RegularExpression(@"^(?!@Microsoft\.KeyVault\().*$", ErrorMessage = "Auth:KeyPepper is an unresolved Key Vault reference.")]
    public string? KeyPepper { get; set; }

    /// <summary>How long a key lookup (found or not) is reused; the bound on how stale a revocation can be on any instance.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the previous secret of a rotated key keeps working, unless the rotation says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RotationGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Take the client address from <c>X-Forwarded-For</c> (only behind a proxy that sets it, as Azure's front ends do).</summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>JWT bearer tokens as a second way in; off unless an issuer is set.</summary>
    public JwtOptions Jwt { get; set; } = new();
}
