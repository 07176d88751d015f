using Serverless.Api.Auth;

namespace Serverless.Api.Tests.Auth;

public sealed class ApiKeySecretsTests
{
    [Fact]
    public void Generate_Makes256BitSecretsThatAreWellFormedAndDistinct()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => ApiKeySecrets.Generate()).ToArray();

        Assert.All(secrets, s => Assert.Matches("^sk-[A-Za-z0-9_-]{43}$", s));
        Assert.All(secrets, s => Assert.True(ApiKeySecrets.IsWellFormed(s)));
        Assert.Equal(100, secrets.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk-")]
    [InlineData("sk-tooShort")]
    [InlineData("pk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    [InlineData("sk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void IsWellFormed_RefusesAnythingElse(string value) => Assert.False(ApiKeySecrets.IsWellFormed(value));

    [Fact]
    public void Hash_IsDeterministicPerPepper_AndNeverTheSecret()
    {
        var secret = ApiKeySecrets.Generate();

        var a = ApiKeySecrets.Hash(secret, "pepper-one-0123456789");
        var again = ApiKeySecrets.Hash(secret, "pepper-one-0123456789");
        var otherPepper = ApiKeySecrets.Hash(secret, "pepper-two-0123456789");

        Assert.Equal(a, again);
        Assert.NotEqual(a, otherPepper);
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.DoesNotContain(secret[3..], a, StringComparison.Ordinal);
        Assert.True(ApiKeySecrets.HashesEqual(a, again));
        Assert.False(ApiKeySecrets.HashesEqual(a, otherPepper));
    }
}
