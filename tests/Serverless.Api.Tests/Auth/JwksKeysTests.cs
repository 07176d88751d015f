using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Api.Auth;

namespace Serverless.Api.Tests.Auth;

/// <summary>Signing keys from a JWKS served on loopback: rollover, a flood of unknown key ids, and an identity provider that is down.</summary>
public sealed class JwksKeysTests : IAsyncLifetime
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "api://test";
    private readonly RSA first = RSA.Create(2048);
    private readonly RSA second = RSA.Create(2048);
    private WebApplication? server;
    private int fetches;
    private volatile string? document;

    private string JwksUrl => server!.Urls.First() + "/keys";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        server = builder.Build();
        server.MapGet("/keys", context =>
        {
            Interlocked.Increment(ref fetches);
            if (document is not { } json)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return Task.CompletedTask;
            }

            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(json);
        });
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server!.DisposeAsync();
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task KeyRollover_IsPickedUpByTheFirstTokenWithTheNewKid()
    {
        document = Jwks(("k1", first));
        var validator = Validator(TimeSpan.FromSeconds(1));
        Assert.NotNull((await validator.ValidateAsync(Token(first, "k1"), default)).Caller);

        // The identity provider rolls over: k1 is gone, k2 signs.
        document = Jwks(("k2", second));
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the least time between refreshes the test configured
        var caller = await ValidateWithinAsync(validator, Token(second, "k2"), TimeSpan.FromSeconds(5));

        Assert.NotNull(caller);
        Assert.InRange(Volatile.Read(ref fetches), 2, 4);
    }

    [Fact]
    public async Task MadeUpKids_CostAtMostOneFetchPerInterval()
    {
        document = Jwks(("k1", first));
        var validator = Validator(TimeSpan.FromMinutes(1));
        Assert.NotNull((await validator.ValidateAsync(Token(first, "k1"), default)).Caller);

        for (var i = 0; i < 50; i++)
        {
            var (caller, error) = await validator.ValidateAsync(Token(second, $"made-up-{i}"), default);
            Assert.Null(caller);
            Assert.Equal(AuthErrors.InvalidToken, error);
        }

        Assert.InRange(Volatile.Read(ref fetches), 1, 2);
    }

    [Fact]
    public async Task IdentityProviderDown_Is503_AndIsNotAskedOnEveryRequest()
    {
        document = null;
        var validator = Validator(TimeSpan.FromSeconds(1));

        for (var i = 0; i < 20; i++)
        {
            var (caller, error) = await validator.ValidateAsync(Token(first, "k1"), default);
            Assert.Null(caller);
            Assert.Equal(503, error!.StatusCode);
            Assert.Equal("auth_unavailable", error.Error.Code);
        }

        Assert.Equal(1, Volatile.Read(ref fetches));
    }

    [Theory]
    [InlineData("https://issuer.test", null, "https://login.example/keys", "Audience")]
    [InlineData("https://issuer.test", "api://x", "http://login.example/keys", "https")]
    [InlineData("https://issuer.test", "api://x", null, "no token could validate")]
    public void UnsafeSettings_RefuseToStart(string issuer, string? audience, string? jwks, string expected)
    {
        var options = new AuthOptions { KeyPepper = "pepper-0123456789abcdef", Jwt = { Issuer = issuer, Audience = audience, JwksUrl = jwks is null ? null : new Uri(jwks) } };

        var result = new AuthOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void LoopbackHttpJwks_IsAllowedForTests()
    {
        var options = new AuthOptions { KeyPepper = "pepper-0123456789abcdef", Jwt = { Issuer = Issuer, Audience = Audience, JwksUrl = new Uri("http://127.0.0.1:5000/keys") } };

        Assert.True(new AuthOptionsValidator().Validate(null, options).Succeeded);
    }

    private static async Task<Caller?> ValidateWithinAsync(JwtValidator validator, string token, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var (caller, _) = await validator.ValidateAsync(token, default);
            if (caller is not null || DateTime.UtcNow > deadline)
            {
                return caller;
            }

            await Task.Delay(100);
        }
    }

    private JwtValidator Validator(TimeSpan unknownKeyRefresh)
    {
        var options = Options.Create(new AuthOptions
        {
            KeyPepper = "pepper-0123456789abcdef",
            Jwt = { Issuer = Issuer, Audience = Audience, JwksUrl = new Uri(JwksUrl), UnknownKeyRefreshInterval = unknownKeyRefresh },
        });
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new JwtValidator(new JwtSigningKeys(options, http, TimeProvider.System), options, TimeProvider.System, NullLogger<JwtValidator>.Instance);
    }

    private static string Token(RSA key, string kid) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "tenant-1" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });

    private static string Jwks(params (string Kid, RSA Key)[] keys) =>
        "{\"keys\":[" + string.Join(',', keys.Select(k =>
        {
            var parameters = k.Key.ExportParameters(false);
            return $$"""{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{k.Kid}}","n":"{{Base64UrlEncoder.Encode(parameters.Modulus)}}","e":"{{Base64UrlEncoder.Encode(parameters.Exponent)}}"}""";
        })) + "]}";
}
