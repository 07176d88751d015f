using Serverless.Api.Keys;

namespace Serverless.Api.Admin;

/// <summary>The body of <c>POST /v1/admin/keys</c> and <c>PATCH /v1/admin/keys/{id}</c>; on PATCH absent fields stay as they are.</summary>
public sealed record KeyRequest
{
    /// <summary>A label for people.</summary>
    public string? Name { get; init; }

    /// <summary>The tenant the key acts for (set at creation only).</summary>
    public string? Owner { get; init; }

    /// <summary><c>admin</c>, <c>user</c> (default) or <c>reader</c>.</summary>
    public string? Role { get; init; }

    /// <summary>Scopes that narrow the role; empty or absent means all.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>Models the key may use; absent or <c>["*"]</c> means all.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Client addresses or CIDR networks (IPv4 or IPv6) the key may call from; empty means anywhere.</summary>
    public IReadOnlyList<string>? IpAllowlist { get; init; }

    /// <summary>The limits tier.</summary>
    public string? Tier { get; init; }

    /// <summary>Limits that override the tier's.</summary>
    public KeyLimits? Limits { get; init; }

    /// <summary>Unix seconds after which the key stops working.</summary>
    public long? ExpiresAt { get; init; }

    /// <summary>Seconds from now after which the key stops working (for temporary keys).</summary>
    public long? ExpiresIn { get; init; }

    /// <summary>The webhook called when an async job of this key ends, unless the job names its own; <c>""</c> on PATCH removes it.</summary>
    public string? Webhook { get; init; }

    /// <summary>Free-form labels.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
