using System.Net;
using Serverless.Api.Auth;
using Serverless.Api.Keys;
using Serverless.Api.Webhooks;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Admin;

/// <summary>Checks admin key requests; the first problem is a 400 naming the field.</summary>
internal static class KeyRequestValidator
{
    private const int MaxText = 200;
    private const int MaxMetadata = 32;

    /// <summary>Validates a creation request and builds the key spec from it.</summary>
    public static (NewApiKey? Spec, ApiError? Error) ForCreate(KeyRequest request, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return (null, Missing("name"));
        }

        if (string.IsNullOrWhiteSpace(request.Owner))
        {
            return (null, Missing("owner"));
        }

        if (!Owners.IsValidKeyOwner(request.Owner))
        {
            return (null, ApiError.InvalidParameter("owner", Owners.KeyOwnerRequirement));
        }

        if (Check(request, now) is { } error)
        {
            return (null, error);
        }

        Roles.TryParse(request.Role ?? "user", out var role);
        return (new NewApiKey(
            request.Name.Trim(),
            request.Owner,
            role,
            request.Scopes ?? [],
            AllModels(request.Models) ? null : request.Models,
            request.IpAllowlist?.Select(ip => Normalize(ip)!).ToArray() ?? [],
            request.Tier ?? "default",
            request.Limits,
            ExpiresAt(request, now),
            request.Metadata ?? new Dictionary<string, string>(),
            string.IsNullOrEmpty(request.Webhook) ? null : request.Webhook), null);
    }

    /// <summary>Validates an update and applies it to <paramref name="key"/>.</summary>
    public static (Func<ApiKeyRecord, ApiKeyRecord>? Change, ApiError? Error) ForUpdate(KeyRequest request, DateTimeOffset now)
    {
        if (request.Owner is not null)
        {
            return (null, ApiError.InvalidParameter("owner", "A key's owner cannot change; create a key for the new owner."));
        }

        if (request.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > MaxText))
        {
            return (null, ApiError.InvalidParameter("name", "name must be 1 to 200 characters."));
        }

        if (Check(request, now) is { } error)
        {
            return (null, error);
        }

        return (key => key with
        {
            Name = request.Name?.Trim() ?? key.Name,
            Role = request.Role is not null && Roles.TryParse(request.Role, out var role) ? role : key.Role,
            Scopes = request.Scopes ?? key.Scopes,
            Models = request.Models is null ? key.Models : AllModels(request.Models) ? null : request.Models,
            IpAllowlist = request.IpAllowlist?.Select(ip => Normalize(ip)!).ToArray() ?? key.IpAllowlist,
            Tier = request.Tier ?? key.Tier,
            Limits = request.Limits ?? key.Limits,
            ExpiresAt = ExpiresAt(request, now) ?? key.ExpiresAt,
            Metadata = request.Metadata ?? key.Metadata,
            Webhook = request.Webhook is null ? key.Webhook : request.Webhook.Length == 0 ? null : request.Webhook,
        }, null);
    }

    private static ApiError? Check(KeyRequest request, DateTimeOffset now)
    {
        if (request.Name is { Length: > MaxText })
        {
            return ApiError.InvalidParameter("name", "name must be at most 200 characters.");
        }

        if (request.Role is not null && !Roles.TryParse(request.Role, out _))
        {
            return ApiError.InvalidParameter("role", "role must be one of admin, user, reader.");
        }

        if (request.Scopes?.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } scope)
        {
            return ApiError.InvalidParameter("scopes", $"Unknown scope '{scope}'; scopes are {string.Join(", ", Scopes.All)}.");
        }

        if (request.Models is { } models && models.Any(string.IsNullOrWhiteSpace))
        {
            return ApiError.InvalidParameter("models", "Model ids must not be empty.");
        }

        if (request.IpAllowlist?.FirstOrDefault(ip => Normalize(ip) is null) is { } bad)
        {
            return ApiError.InvalidParameter("ip_allowlist", $"'{bad}' is not an IP address or CIDR network.");
        }

        if (request.Tier is { } tier && (tier.Length is 0 or > 64))
        {
            return ApiError.InvalidParameter("tier", "tier must be 1 to 64 characters.");
        }

        if (request.Limits?.FirstInvalidField() is { } field)
        {
            return ApiError.InvalidParameter($"limits.{field}", $"limits.{field} must be a positive number within reason.");
        }

        if (request.ExpiresAt is not null && request.ExpiresIn is not null)
        {
            return ApiError.InvalidParameter("expires_at", "Send expires_at or expires_in, not both.");
        }

        if (request.ExpiresIn is <= 0 or > 10L * 365 * 24 * 3600)
        {
            return ApiError.InvalidParameter("expires_in", "expires_in must be a positive number of seconds.");
        }

        if (request.ExpiresAt is { } at && (at <= now.ToUnixTimeSeconds() || at > now.AddYears(10).ToUnixTimeSeconds()))
        {
            return ApiError.InvalidParameter("expires_at", "expires_at must be a future Unix time.");
        }

        if (request.Webhook is { Length: > 0 } webhook && !WebhookUrls.IsWellFormed(webhook, allowHttp: true))
        {
            return ApiError.InvalidParameter("webhook", WebhookUrls.RequirementWithHttp);
        }

        return request.Metadata is { Count: > MaxMetadata }
            ? ApiError.InvalidParameter("metadata", $"At most {MaxMetadata} metadata entries.")
            : null;
    }

    private static ApiError Missing(string param) =>
        ApiError.InvalidParameter(param, $"You must provide the '{param}' parameter.", "missing_required_parameter");

    private static DateTimeOffset? ExpiresAt(KeyRequest request, DateTimeOffset now) =>
        request.ExpiresAt is { } at ? DateTimeOffset.FromUnixTimeSeconds(at)
        : request.ExpiresIn is { } seconds ? now.AddSeconds(seconds)
        : null;

    private static bool AllModels(IReadOnlyList<string>? models) => models is null || models.Contains("*");

    /// <summary>A network in CIDR form; a bare address becomes a /32 or /128. Null when unparsable.</summary>
    private static string? Normalize(string value)
    {
        if (IPNetwork.TryParse(value, out var network))
        {
            return network.ToString();
        }

        return IPAddress.TryParse(value, out var address)
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128).ToString()
            : null;
    }
}
