using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Signs webhook calls as Standard Webhooks (and OpenAI's webhooks) do: HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>webhook-signature: v1,{base64}</c>.
/// </summary>
public static class WebhookSigner
{
    /// <summary>The key bytes of a secret: Base64 after <c>whsec_</c>, else the UTF-8 of the text.</summary>
    public static byte[] KeyOf(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return secret.StartsWith("whsec_", StringComparison.Ordinal)
            ? Convert.FromBase64String(secret["whsec_".Length..])
            : Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>The <c>webhook-signature</c> header value for one call.</summary>
    public static string Sign(byte[] key, string id, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
