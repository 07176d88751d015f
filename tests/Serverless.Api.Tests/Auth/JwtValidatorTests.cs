using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Api.Auth;

namespace Serverless.Api.Tests.Auth;

public sealed class JwtValidatorTests
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "api://test";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly FakeTimeProvider time = new(Now);

    private JwtValidator Validator(bool allowAdmin = false)
    {
        var options = new AuthOptions { KeyPepper = "pepper-0123456789abcdef", Jwt = { Issuer = Issuer, Audience = Audience, AllowAdminRole = allowAdmin } };
        options.Jwt.SigningKeys.Add(Convert.ToBase64String(key));
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new JwtValidator(new JwtSigningKeys(Options.Create(options), http, time), Options.Create(options), time, NullLogger<JwtValidator>.Instance);
    }

    private string Token(Dictionary<string, object> claims, DateTimeOffset? expires = null, string audience = Audience) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = Now.UtcDateTime.AddMinutes(-1),
            NotBefore = Now.UtcDateTime.AddMinutes(-1),
            Expires = (expires ?? Now.AddMinutes(5)).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task Validate_MapsSubjectRoleAndScopes()
    {
        var (caller, _) = await Validator().ValidateAsync(Token(new() { ["sub"] = "tenant-1", ["role"] = "reader", ["scope"] = "chat usage" }), default);

        Assert.NotNull(caller);
        Assert.Equal("jwt:tenant-1", caller.Owner);
        Assert.Equal("jwt:tenant-1", caller.KeyId);
        Assert.Equal(Role.Reader, caller.Role);
        Assert.Equal(["chat", "usage"], caller.Scopes);
    }

    [Fact]
    public async Task Validate_WhenTheClockPassesExpiry_Refuses()
    {
        var validator = Validator();
        var token = Token(new() { ["sub"] = "t" }, expires: Now.AddMinutes(1));
        Assert.NotNull((await validator.ValidateAsync(token, default)).Caller);

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(AuthErrors.InvalidToken, (await validator.ValidateAsync(token, default)).Error);
    }

    [Fact]
    public async Task Validate_RefusesWrongAudienceUnknownRoleAndMissingSubject()
    {
        var validator = Validator();

        Assert.Null((await validator.ValidateAsync(Token(new() { ["sub"] = "t" }, audience: "api://other"), default)).Caller);
        Assert.Null((await validator.ValidateAsync(Token(new() { ["sub"] = "t", ["role"] = "superuser" }), default)).Caller);
        Assert.Null((await validator.ValidateAsync(Token(new() { ["role"] = "user" }), default)).Caller);
        Assert.Null((await validator.ValidateAsync(Token(new() { ["sub"] = "line\nbreak" }), default)).Caller);
        Assert.Null((await validator.ValidateAsync(Token(new() { ["sub"] = new string('x', Owners.MaxLength + 1) }), default)).Caller);
    }

    [Fact]
    public async Task Validate_RefusesUnsignedTokens()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"sub":"t","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}}""");

        Assert.Null((await Validator().ValidateAsync($"{header}.{payload}.", default)).Caller);
    }

    [Fact]
    public async Task AdminRole_GrantsAdminOnlyWhenTheSettingAllowsIt()
    {
        var token = Token(new() { ["sub"] = "ops", ["role"] = "admin" });

        Assert.Equal(Role.User, (await Validator().ValidateAsync(token, default)).Caller!.Role);
        Assert.Equal(Role.Admin, (await Validator(allowAdmin: true).ValidateAsync(token, default)).Caller!.Role);
    }

    [Fact]
    public async Task TokenOwners_NeverMeetKeyOwners()
    {
        var (caller, _) = await Validator().ValidateAsync(Token(new() { ["sub"] = "team-a" }), default);

        Assert.Equal("jwt:team-a", caller!.Owner);
        Assert.False(Owners.IsValidKeyOwner(caller.Owner));
    }

    [Theory]
    [InlineData("eyJhbGciOi.eyJzdWIi.c2ln", true)]
    [InlineData("sk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false)]
    [InlineData("eyJonly.two", false)]
    public void LooksLikeJwt_TellsTokensFromKeys(string credential, bool expected) =>
        Assert.Equal(expected, JwtValidator.LooksLikeJwt(credential));
}
