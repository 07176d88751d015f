using Serverless.Api.KeyRing;
using Serverless.Infra.Tests.Arm;

namespace Serverless.Infra.Tests.Template;

/// <summary>
/// The per-key webhook secrets are encrypted with Data Protection; in Azure each key of its ring is wrapped by an
/// RSA key in the API's vault that only wraps and unwraps, and the API is told which key that is.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class KeyRingKeyTests(CompiledTemplate compiled)
{
    [Fact]
    public void TheApisVault_HoldsOneWrapOnlyRsaKey_AndTheWorkersVaultNone()
    {
        var key = Assert.Single(compiled.Template.OfType(ResourceTypes.KeyVaultKey));

        Assert.StartsWith("kv-", key.Name, StringComparison.Ordinal);
        Assert.EndsWith("/key-ring", key.Name, StringComparison.Ordinal);
        Assert.Equal("RSA", key["properties.kty"]);
        Assert.True(Convert.ToInt64(key["properties.keySize"], System.Globalization.CultureInfo.InvariantCulture) >= 3072);
        Assert.Equal(["wrapKey", "unwrapKey"], ArmValues.Items(key["properties.keyOps"]).Select(ArmValues.Text));
    }

    [Fact]
    public void TheFunctionApp_IsToldTheKeysUri_WithoutAVersion()
    {
        var key = Assert.Single(compiled.Template.OfType(ResourceTypes.KeyVaultKey));
        var setting = compiled.FunctionAppSettings.Single(s => s.Name == $"{KeyRingOptions.SectionName}__{nameof(KeyRingOptions.KeyVaultKeyId)}").Value;

        // Known only once deployed: the key's keyUri (versionless, so a rotated key wraps new ring keys; the ring
        // records the version that wrapped each, so older ones still unwrap).
        var text = Assert.IsType<ArmUnknown>(setting).Description;
        Assert.Contains(key.Id, text, StringComparison.Ordinal);
        Assert.Contains("keyUri", text, StringComparison.Ordinal);
        Assert.DoesNotContain("keyUriWithVersion", text, StringComparison.Ordinal);
    }
}
