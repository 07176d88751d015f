using Serverless.Infra.Tests.Arm;

namespace Serverless.Infra.Tests.Template;

/// <summary>
/// Secrets an operator keeps in the API's Key Vault (an upstream's key, the response cache's Redis connection string)
/// reach the Functions app as Key Vault references named by <c>apiKeyVaultSettings</c>, so provisioning again keeps
/// them; the postprovision hook is never told to create them.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class OperatorSecretsTests(CompiledTemplate compiled)
{
    [Fact]
    public void ApiSecretSettings_BecomeKeyVaultReferences_InTheApisVault()
    {
        var parameters = CompiledTemplate.Parameters.ToDictionary();
        parameters["apiKeyVaultSettings"] = new Dictionary<string, object?> { ["AzureOpenAI__Key"] = "azure-openai-key", ["ResponseCache__Redis"] = "redis-connection" };
        var template = ArmTemplate.Load(compiled.Json, parameters);
        var vault = Assert.Single(template.OfType(ResourceTypes.KeyVault), v => v.Name.StartsWith("kv-", StringComparison.Ordinal));
        var settings = ArmValues.Items(template.Single(ResourceTypes.Site)["properties.siteConfig.appSettings"])
            .ToDictionary(s => ArmValues.Text(ArmValues.At(s, "name")), s => ArmValues.At(s, "value"));

        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault.Name};SecretName=azure-openai-key)", settings["AzureOpenAI__Key"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault.Name};SecretName=redis-connection)", settings["ResponseCache__Redis"]);
        var created = ArmValues.Text(template.Root.Outputs["KEY_VAULT_SECRET_NAMES"]);
        Assert.DoesNotContain("azure-openai-key", created, StringComparison.Ordinal);
        Assert.DoesNotContain("redis-connection", created, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutApiSecretSettings_NoSuchSettingExists() =>
        Assert.DoesNotContain(compiled.FunctionAppSettings, s => s.Name is "ResponseCache__Redis" or "AzureOpenAI__Key");
}
