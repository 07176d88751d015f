using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core;

namespace Serverless.Api.KeyRing;

/// <summary>
/// Wraps and unwraps key bytes with a Key Vault key (RSA-OAEP-256) through Key Vault's REST API, the envelope
/// that keeps the key ring's keys useless without the vault. Synchronous, as Data Protection's encryptor
/// interfaces are; it runs only when the ring gains a key or is first read.
/// </summary>
public sealed class KeyVaultKeyWrapper(HttpClient http, TokenCredential credential)
{
    private const string ApiVersion = "7.4";
    private const string Algorithm = "RSA-OAEP-256";
    private static readonly TokenRequestContext Scope = new(["https://vault.azure.net/.default"]);

    /// <summary>Wraps <paramref name="key"/>; the answer names the key version that did it, which unwrapping needs.</summary>
    public (Uri KeyId, byte[] Wrapped) Wrap(Uri keyId, byte[] key)
    {
        var result = Send(keyId, "wrapkey", key);
        return (new Uri(result.Kid ?? keyId.AbsoluteUri), Base64Url.DecodeFromChars(result.Value));
    }

    /// <summary>Unwraps what <see cref="Wrap"/> made with key version <paramref name="keyId"/>.</summary>
    public byte[] Unwrap(Uri keyId, byte[] wrapped) => Base64Url.DecodeFromChars(Send(keyId, "unwrapkey", wrapped).Value);

    private KeyOperationResult Send(Uri keyId, string operation, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var token = credential.GetToken(Scope, CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{keyId.AbsoluteUri.TrimEnd('/')}/{operation}?api-version={ApiVersion}"))
        {
            Content = JsonContent.Create(new KeyOperation(Algorithm, Base64Url.EncodeToString(value)), KeyRingJsonContext.Default.KeyOperation),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var response = http.Send(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new CryptographicException($"Key Vault answered {(int)response.StatusCode} to {operation} with {keyId}.");
        }

        using var body = response.Content.ReadAsStream();
        return JsonSerializer.Deserialize(body, KeyRingJsonContext.Default.KeyOperationResult) is { Value.Length: > 0 } result
            ? result
            : throw new CryptographicException($"Key Vault's answer to {operation} carried no value.");
    }
}
