using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Signs webhook calls as Standard Webhooks (and OpenAI's webhooks) do: HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>webhook-signature: v1,{base64}</c>; with several
/// secrets (during a rotation) one <c>v1,</c> value per secret, separated by spaces, any of which a verifier accepts.
/// </summary>
public static class WebhookSigner
{
    private const string Prefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and 256 random bits in Base64, the form OpenAI's SDKs decode.</summary>
    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key bytes of a secret: Base64 after <c>whsec_</c>, else the UTF-8 of the text.</summary>
    public static byte[] KeyOf(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return secret.StartsWith(Prefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(secret[Prefix.Length..])
            : Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>The <c>webhook-signature</c> header value for one call.</summary>
    public static string Sign(byte[] key, string id, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>The <c>webhook-signature</c> header value signed with each of <paramref name="secrets"/>, in order.</summary>
    public static string Sign(IReadOnlyList<string> secrets, string id, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("At least one secret is needed.", nameof(secrets));
        }

        return string.Join(' ', secrets.Select(secret => Sign(KeyOf(secret), id, timestamp, body)));
    }
}
