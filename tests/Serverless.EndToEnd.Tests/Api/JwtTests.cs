using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>JWT bearer tokens as the second way in, on an API host configured with an issuer, an audience and a signing key.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class JwtTests(LocalStackFixture stack) : IAsyncLifetime
{
    private const string Issuer = "https://login.example.test/tenant";
    private const string Audience = "api://serverless-llm";
    private readonly byte[] signingKey = RandomNumberGenerator.GetBytes(32);
    private ServiceProcess? api;

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>(stack.Secrets.Environment(stack.Storage.ConnectionString))
        {
            ["Auth__Jwt__Issuer"] = Issuer,
            ["Auth__Jwt__Audience"] = Audience,
            ["Auth__Jwt__SigningKeys__0"] = Convert.ToBase64String(signingKey),
            ["Auth__Jwt__AllowAdminRole"] = "true",
        };
        api = await ServiceProcess.StartApiAsync(stack.Worker.BaseUrl, environment);
    }

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public async Task ValidToken_IsAcceptedWithTheRoleItCarries()
    {
        var user = await GetAsync("v1/models", Token(role: "user"));
        var admin = await GetAsync("v1/admin/keys", Token(role: "admin"));
        var readerChat = await PostChatAsync(Token(role: "reader"));

        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerChat.StatusCode);
    }

    [Fact]
    public async Task TokenWhoseSubjectIsAKeyOwner_ReadsNothingOfThatOwner()
    {
        // A key owner "tenant-jwt" exists; a token's subject "tenant-jwt" is the owner "jwt:tenant-jwt", someone else.
        using var admin = new AdminClient(api!.BaseUrl, stack.Secrets.AdminKey);
        await admin.CreateKeyAsync("""{"name":"same-name","owner":"tenant-jwt"}""");

        using var usage = await GetAsync("v1/usage?owner=tenant-jwt", Token(role: "user"));
        using var own = await GetAsync("v1/usage", Token(role: "user"));

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(usage, HttpStatusCode.Forbidden);
        Assert.Equal("permission_denied", error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task ScopeClaim_NarrowsTheToken()
    {
        var response = await PostChatAsync(Token(scope: "embeddings"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string> BadTokens => new() { "expired", "wrong-audience", "wrong-issuer", "tampered", "alg-none", "wrong-key", "no-subject" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Is401InvalidToken(string kind)
    {
        var token = kind switch
        {
            "expired" => Token(expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong-audience" => Token(audience: "api://someone-else"),
            "wrong-issuer" => Token(issuer: "https://evil.example.test"),
            "tampered" => Tamper(Token(role: "user")),
            "alg-none" => Unsigned(),
            "wrong-key" => Token(key: RandomNumberGenerator.GetBytes(32)),
            _ => Token(subject: null),
        };

        using var response = await GetAsync("v1/models", token);

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_token", error.GetProperty("code").GetString());
    }

    private string Token(
        string? role = null, string? scope = null, string? audience = Audience, string issuer = Issuer,
        DateTime? expires = null, byte[]? key = null, string? subject = "tenant-jwt")
    {
        var claims = new Dictionary<string, object>();
        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        if (role is not null)
        {
            claims["role"] = role;
        }

        if (scope is not null)
        {
            claims["scope"] = scope;
        }

        var notBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? signingKey), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Swaps the payload for one that claims admin, keeping the original signature.</summary>
    private string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"user\"", "\"admin\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    private static string Unsigned()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode($$"""{"sub":"tenant-jwt","role":"admin","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var http = new HttpClient { BaseAddress = api!.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", token) } };
        return await http.GetAsync(path);
    }

    private async Task<HttpResponseMessage> PostChatAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = api!.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", token) } };
        return await http.PostAsync("v1/chat/completions", new StringContent("""{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":1}""", Encoding.UTF8, "application/json"));
    }
}
