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

        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("""msg_1.1700000000.{"a":1}""")));
        Assert.Equal("v1," + expected, signature);
    }

    [Fact]
    public void KeyOf_PlainSecret_IsItsUtf8()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("plain"), WebhookSigner.KeyOf("plain"));
    }
}
