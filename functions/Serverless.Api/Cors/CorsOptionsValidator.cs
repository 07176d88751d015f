using Microsoft.Extensions.Options;

namespace Serverless.Api.Cors;

/// <summary>
/// Refuses to start with an origin a browser could never send (a path, a query, no scheme, a default port written
/// out), since such an entry would silently allow nothing; and with <c>*</c> beside other origins, which is ambiguous.
/// </summary>
internal sealed class CorsOptionsValidator : IValidateOptions<CorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOptions options)
    {
        var origins = options.Origins;
        if (origins.Contains(CorsPolicy.AnyOrigin))
        {
            return origins.Count == 1
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Cors:AllowedOrigins: '*' allows every origin and must stand alone.");
        }

        var failures = origins.Where(o => !IsOrigin(o))
            .Select(o => $"Cors:AllowedOrigins: '{o}' is not an origin; write it as a browser sends it, scheme and host (and a port that is not the default), no path or trailing slash: https://app.example.com.")
            .ToArray();
        return failures.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An absolute http(s) URL that is exactly its own origin.</summary>
    internal static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.Equals(value, uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
}
