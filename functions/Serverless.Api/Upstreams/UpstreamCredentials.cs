using Microsoft.Extensions.Configuration;

namespace Serverless.Api.Upstreams;

/// <summary>
/// Resolves a deployment's credential reference from configuration, where app settings (Key Vault references in
/// Azure) put it: <c>--</c> in the name stands for the section separator <c>:</c>, as the Key Vault configuration
/// provider maps secret names. The key is read at each call and never stored or logged.
/// </summary>
internal sealed class UpstreamCredentials(IConfiguration configuration)
{
    /// <summary>The key that <paramref name="reference"/> names, or null when no setting holds one (or it is an unresolved Key Vault reference).</summary>
    public string? Resolve(string reference)
    {
        var value = configuration[reference.Replace("--", ":", StringComparison.Ordinal)];
        return string.IsNullOrWhiteSpace(value) || value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal) ? null : value;
    }
}
