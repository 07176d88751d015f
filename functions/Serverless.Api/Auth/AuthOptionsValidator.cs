using System.Net;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Auth;

/// <summary>
/// The rules of <see cref="AuthOptions"/> that span fields; a host with a weaker setting refuses to start rather
/// than accept tokens it should not.
/// </summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var forwarded = options.ForwardedHeaders;
        if (forwarded.KnownProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } proxy)
        {
            failures.Add($"Auth:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.");
        }

        if (forwarded.KnownNetworks.FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } network)
        {
            failures.Add($"Auth:ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR network.");
        }

        var jwt = options.Jwt;
        if (string.IsNullOrWhiteSpace(jwt.Issuer))
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (string.IsNullOrWhiteSpace(jwt.Audience))
        {
            failures.Add("Auth:Jwt:Issuer is set without Auth:Jwt:Audience: any token of that issuer, for any application, would be accepted.");
        }

        if (jwt.JwksUrl is null && jwt.SigningKeys.Count == 0)
        {
            failures.Add("Auth:Jwt:Issuer is set without Auth:Jwt:JwksUrl or Auth:Jwt:SigningKeys: no token could validate.");
        }

        if (jwt.JwksUrl is { } url && !IsSecure(url))
        {
            failures.Add("Auth:Jwt:JwksUrl must be an absolute https URL (http only to a loopback address).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>https, or http to a loopback address (a test's key server).</summary>
    internal static bool IsSecure(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
