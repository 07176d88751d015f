using Serverless.Api.Relay;
using Serverless.Infra.Tests.Arm;
using Serverless.Testing;
using Serverless.Worker.Serving;

namespace Serverless.Infra.Tests.Template;

/// <summary>
/// The worker key: one Key Vault secret (and the previous one, for rolling it) in a vault of its own, which the
/// Functions app presents through a Key Vault reference and the serve-mode app accepts through Key Vault secrets
/// read with its identity; the postprovision hook creates both.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class WorkerKeyTests(CompiledTemplate compiled)
{
    private const string Current = "worker-api-key";
    private const string Previous = "worker-api-key-previous";

    [Fact]
    public void FunctionApp_PresentsTheSecretTheWorkerAccepts_BothFromTheWorkerKeyVault()
    {
        var vault = Assert.Single(compiled.Template.OfType(ResourceTypes.KeyVault), v => v.Name.StartsWith("kvw-", StringComparison.Ordinal));
        var app = compiled.WorkerApp;
        var identity = Assert.Single(((Dictionary<string, object?>)app["identity.userAssignedIdentities"]!).Keys);
        var secrets = ArmValues.Items(app["properties.configuration.secrets"]).ToDictionary(s => ArmValues.Text(ArmValues.At(s, "name")));
        var env = ArmValues.Items(ArmValues.At(ArmValues.Items(app["properties.template.containers"])[0], "env"))
            .ToDictionary(e => ArmValues.Text(ArmValues.At(e, "name")), e => ArmValues.At(e, "secretRef"));

        Assert.Equal(
            $"@Microsoft.KeyVault(VaultName={vault.Name};SecretName={Current})",
            compiled.FunctionAppSettings.Single(s => s.Name == $"{WorkerOptions.SectionName}__{nameof(WorkerOptions.ApiKey)}").Value);
        Assert.Equal(Current, env[$"{ServeOptions.SectionName}__{nameof(ServeOptions.ApiKey)}"]);
        Assert.Equal(Previous, env[$"{ServeOptions.SectionName}__{nameof(ServeOptions.PreviousApiKey)}"]);
        foreach (var name in new[] { Current, Previous })
        {
            var url = ArmValues.Text(ArmValues.At(secrets[name], "keyVaultUrl")).TrimEnd('>'); // known only at deployment: <vault URI>secrets/name
            Assert.Contains($"reference({vault.Id}", url, StringComparison.Ordinal); // the vault's URI
            Assert.EndsWith($"secrets/{name}", url, StringComparison.Ordinal); // versionless: a rolled key is picked up
            Assert.Equal(identity, ArmValues.At(secrets[name], "identity"));
        }
    }

    [Fact]
    public void PostprovisionHooks_CreateTheWorkerKeysInTheirVault()
    {
        var outputs = compiled.Template.Root.Outputs;

        Assert.Equal($"{Current} {Previous}", ArmValues.Text(outputs["WORKER_KEY_VAULT_SECRET_NAMES"]));
        Assert.StartsWith("kvw-", ArmValues.Text(outputs["WORKER_KEY_VAULT_NAME"]), StringComparison.Ordinal);
        foreach (var hook in new[] { "postprovision.sh", "postprovision.ps1" })
        {
            var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "hooks", hook));
            Assert.Contains("WORKER_KEY_VAULT_NAME", text, StringComparison.Ordinal);
            Assert.Contains("WORKER_KEY_VAULT_SECRET_NAMES", text, StringComparison.Ordinal);
        }
    }
}
