using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Serverless.Jobs;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Each key's webhook secrets in Table storage, encrypted with Data Protection (whose key ring lives in Blob
/// storage, wrapped by a Key Vault key in Azure). A secret must sign, so it cannot be kept as a hash; each is
/// protected under a purpose that names its key, so a ciphertext copied to another key's row does not decrypt.
/// Rotations are ETag-guarded; a lost race is tried again on fresh data.
/// </summary>
public sealed class WebhookSecretStore
{
    internal const string TableName = "webhooksecrets";
    private const string Purpose = "Serverless.Api.Webhooks.WebhookSecret.v1";
    private const int MaxAttempts = 5;

    private readonly TableClient table;
    private readonly IDataProtector protector;
    private readonly IOptions<WebhookOptions> options;
    private readonly TimeProvider time;
    private Task? created;

    /// <summary>Creates the store over <paramref name="tables"/>.</summary>
    public WebhookSecretStore(TableServiceClient tables, IDataProtectionProvider protection, IOptions<WebhookOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(protection);
        table = tables.GetTableClient(TableName);
        protector = protection.CreateProtector(Purpose);
        this.options = options;
        this.time = time;
    }

    /// <summary>Makes the first secret of a new key and returns it: it is shown this once.</summary>
    public async Task<string> CreateAsync(string keyId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var secret = WebhookSigner.NewSecret();
        var row = new WebhookSecretEntity { PartitionKey = keyId, Current = Protect(keyId, secret), CreatedAt = time.GetUtcNow() };
        await table.AddEntityAsync(row, cancellationToken);
        return secret;
    }

    /// <summary>
    /// Makes a new secret for a key; the one it replaces signs too for <paramref name="grace"/> (none when zero).
    /// A key without a secret yet (made before per-key secrets) gets its first, and the legacy deployment-wide
    /// secret, which signed its webhooks until now, is the previous one.
    /// </summary>
    public async Task<WebhookSecretRotation> RotateAsync(string keyId, TimeSpan grace, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        for (var attempt = 1; ; attempt++)
        {
            var row = await ReadAsync(keyId, cancellationToken);
            var now = time.GetUtcNow();
            var secret = WebhookSigner.NewSecret();
            var previous = grace <= TimeSpan.Zero ? null
                : row is not null ? row.Current
                : options.Value.SigningSecret is { Length: > 0 } legacy ? Protect(keyId, legacy)
                : null;
            var rotated = new WebhookSecretEntity
            {
                PartitionKey = keyId,
                Current = Protect(keyId, secret),
                Previous = previous,
                PreviousValidUntil = previous is null ? null : now + grace,
                CreatedAt = now,
            };

            try
            {
                await (row is null
                    ? table.AddEntityAsync(rotated, cancellationToken)
                    : table.UpdateEntityAsync(rotated, row.ETag, TableUpdateMode.Replace, cancellationToken));
                return new WebhookSecretRotation(secret, rotated.PreviousValidUntil);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another rotation got there first: rotate again from what it wrote.
            }
        }
    }

    /// <summary>Stops the previous secret of a key signing now, before its grace period ends; false when the key has no secret.</summary>
    public async Task<bool> DropPreviousAsync(string keyId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        for (var attempt = 1; ; attempt++)
        {
            if (await ReadAsync(keyId, cancellationToken) is not { } row)
            {
                return false;
            }

            if (row.Previous is null)
            {
                return true;
            }

            (row.Previous, row.PreviousValidUntil) = (null, null);
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxAttempts)
            {
                // Changed since the read (a rotation): drop its previous secret instead.
            }
        }
    }

    /// <summary>The secrets that sign a key's webhooks now, the current one first; null when the key has none of its own.</summary>
    public async Task<IReadOnlyList<string>?> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        if (await ReadAsync(keyId, cancellationToken) is not { } row)
        {
            return null;
        }

        var current = Unprotect(keyId, row.Current);
        return row.Previous is { } previous && row.PreviousValidUntil > time.GetUtcNow()
            ? [current, Unprotect(keyId, previous)]
            : [current];
    }

    private async Task<WebhookSecretEntity?> ReadAsync(string keyId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<WebhookSecretEntity>(keyId, string.Empty, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private string Protect(string keyId, string secret) => protector.CreateProtector(keyId).Protect(secret);

    private string Unprotect(string keyId, string protectedSecret) => protector.CreateProtector(keyId).Unprotect(protectedSecret);

    private Task EnsureCreatedAsync() =>
        CreateOnce.EnsureAsync(ref created, () => table.CreateIfNotExistsAsync(CancellationToken.None));
}
