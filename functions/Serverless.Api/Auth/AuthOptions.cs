using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

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

    /// <summary>Failed authentications one client address may make per minute before it is answered 429 without a lookup.</summary>
    [Range(1, 100_000)]
    public int FailedAttemptsPerMinute { get; set; } = 60;

    /// <summary>
    /// Whether the <c>ADMIN_API_KEY</c> setting is accepted. Turn it off once an issued admin key exists: issued keys
    /// can be limited, rotated and revoked, the bootstrap key cannot.
    /// </summary>
    public bool BootstrapKeyEnabled { get; set; } = true;

    /// <summary>Proxies in front of the app whose <c>X-Forwarded-For</c> entries are believed.</summary>
    [ValidateObjectMembers]
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    /// <summary>JWT bearer tokens as a second way in; off unless an issuer is set.</summary>
    public JwtOptions Jwt { get; set; } = new();
}
