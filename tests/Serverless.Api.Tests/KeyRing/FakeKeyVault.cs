using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core;

namespace Serverless.Api.Tests.KeyRing;

/// <summary>
/// Key Vault's <c>wrapkey</c> and <c>unwrapkey</c> for one RSA key, as its REST API answers them, and a credential
/// that hands out a fixed token; records each call so tests can see the vault was asked.
/// </summary>
internal sealed class FakeKeyVault : HttpMessageHandler, IDisposable
{
    public const string Token = "fake-vault-token";
    private readonly RSA rsa = RSA.Create(2048);

    public Uri KeyId { get; } = new("https://vault.example/keys/key-ring");

    public Uri VersionedKeyId => new(KeyId, KeyId.AbsolutePath + "/0123456789abcdef");

    public List<string> Calls { get; } = [];

    public TokenCredential Credential { get; } = DelegatedTokenCredential.Create((_, _) => new AccessToken(Token, DateTimeOffset.MaxValue));

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.RequestUri!.AbsolutePath.Split('/')[^1];
        Calls.Add($"{request.Method} {request.RequestUri.GetLeftPart(UriPartial.Path)} {request.RequestUri.Query}");
        if (request.Headers.Authorization?.Parameter != Token)
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        using var body = JsonDocument.Parse(request.Content!.ReadAsStream(cancellationToken));
        Assert.Equal("RSA-OAEP-256", body.RootElement.GetProperty("alg").GetString());
        var value = Base64Url.DecodeFromChars(body.RootElement.GetProperty("value").GetString());
        var result = operation switch
        {
            "wrapkey" => rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256),
            "unwrapkey" => rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256),
            _ => null,
        };
        return result is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { kid = VersionedKeyId.AbsoluteUri, value = Base64Url.EncodeToString(result) }) };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rsa.Dispose();
        }

        base.Dispose(disposing);
    }
}
