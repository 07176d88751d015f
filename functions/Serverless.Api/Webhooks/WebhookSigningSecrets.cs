using Microsoft.Extensions.Options;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Which secrets sign a caller's webhooks: its key's own (two during a rotation), else, for a key made before
/// per-key secrets or a JWT caller, the legacy <see cref="WebhookOptions.SigningSecret"/> while it is set.
/// </summary>
public sealed class WebhookSigningSecrets(WebhookSecretStore store, IOptions<WebhookOptions> options)
{
    private const string KeyIdPrefix = "key_";

    /// <summary>The secrets, current first; empty when nothing can sign (the webhook is then refused).</summary>
    public async Task<IReadOnlyList<string>> ForKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);

        // Only API keys have secrets of their own; a JWT caller's id is no key id (nor a valid table key).
        if (keyId.StartsWith(KeyIdPrefix, StringComparison.Ordinal) && await store.GetAsync(keyId, cancellationToken) is { } own)
        {
            return own;
        }

        return options.Value.SigningSecret is { Length: > 0 } legacy ? [legacy] : [];
    }
}
