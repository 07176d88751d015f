using System.Security.Cryptography;
using System.Text;
using Serverless.Api.Webhooks;

namespace Serverless.Api.Tests.Webhooks;

/// <summary>Signatures a Standard Webhooks verifier accepts.</summary>
public sealed class WebhookSignerTests
{
    [Fact]
    public void Sign_IsHmacSha256OverIdTimestampAndBody_AsV1Base64()
    {
        var key = Encoding.UTF8.GetBytes("0123456789abcdef");
        var secret = "whsec_" + Convert.ToBase64String(key);

        var signature = WebhookSigner.Sign(WebhookSigner.KeyOf(secret), "msg_1", 1700000000, """{"a":1}""");

        Assert.Equal("v1," + Expected(key, "msg_1", 1700000000, """{"a":1}"""), signature);
    }

    [Fact]
    public void Sign_WithTwoSecrets_SendsOneV1ValuePerSecret_SpaceSeparated_CurrentFirst()
    {
        var (current, previous) = (WebhookSigner.NewSecret(), WebhookSigner.NewSecret());

        var header = WebhookSigner.Sign([current, previous], "msg_2", 1700000001, "{}");

        Assert.Equal(
            $"v1,{Expected(WebhookSigner.KeyOf(current), "msg_2", 1700000001, "{}")} v1,{Expected(WebhookSigner.KeyOf(previous), "msg_2", 1700000001, "{}")}",
            header);
    }

    [Fact]
    public void NewSecret_IsWhsecAnd256RandomBitsInBase64()
    {
        var secret = WebhookSigner.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, WebhookSigner.KeyOf(secret).Length);
        Assert.NotEqual(secret, WebhookSigner.NewSecret());
    }

    [Fact]
    public void KeyOf_PlainSecret_IsItsUtf8()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("plain"), WebhookSigner.KeyOf("plain"));
    }

    private static string Expected(byte[] key, string id, long timestamp, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
}
