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

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/admin-api-key/)", false)]
    [InlineData("@microsoft.keyvault(VaultName=v;SecretName=admin-api-key)", false)]
    [InlineData("too-short", false)]
    [InlineData(null, false)]
    [InlineData("sk-admin-0123456789abcdef", true)]
    public void BootstrapKey_IsNeverAnUnresolvedKeyVaultReference(string? configured, bool usable) =>
        Assert.Equal(usable, Serverless.Api.Auth.CallerAuthenticator.BootstrapHash(configured, "pepper-0123456789abcdef") is not null);

    [Fact]
    public void KeyPepper_RefusesAnUnresolvedKeyVaultReference()
    {
        var options = new AuthOptions { KeyPepper = "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/auth-key-pepper/)" };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(AuthOptions.KeyPepper)));
    }
}
