using System.Text.RegularExpressions;
using Serverless.Api.Auth;
using Serverless.Api.Webhooks;
using Serverless.Api.Relay;
using Serverless.Infra.Tests.Arm;
using Serverless.Infra.Tests.Template;

namespace Serverless.Infra.Tests.Settings;

/// <summary>The app settings the Bicep sets are exactly the ones the code reads: none missing, none that nothing reads.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class SettingsParityTests(CompiledTemplate compiled)
{
    public static TheoryData<string> WorkerResources => [ResourceTypes.ContainerApp, ResourceTypes.Job];

    /// <summary>
    /// The secrets the API gets in Azure, required or not: the webhook signing secret is optional in code, but
    /// without it jobs with a webhook are refused; the worker key is the one the worker checks.
    /// </summary>
    public static TheoryData<string> SecretSettings =>
    [
        CallerAuthenticator.BootstrapKeySetting,
        $"{AuthOptions.SectionName}__{nameof(AuthOptions.KeyPepper)}",
        $"{WebhookOptions.SectionName}__{nameof(WebhookOptions.SigningSecret)}",
        $"{WorkerOptions.SectionName}__{nameof(WorkerOptions.ApiKey)}",
    ];

    [Fact]
    public void FunctionApp_SetsEveryRequiredOptionOfTheApi()
    {
        var set = compiled.FunctionAppSettings.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = CodeSettings.Api.Required.Where(r => !set.Contains(r)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void FunctionApp_SetsNothingTheApiOrTheFunctionsHostDoesNotRead()
    {
        var unread = compiled.FunctionAppSettings
            .Select(s => s.Name)
            .Where(name => !CodeSettings.Api.Reads(name) && !PlatformSettings.FunctionApp.Contains(name))
            .ToList();

        Assert.Empty(unread);
    }

    [Fact]
    public void FunctionApp_SetsEachSettingOnce()
    {
        var names = compiled.FunctionAppSettings.Select(s => s.Name).ToList();

        Assert.Equal(names.Distinct(StringComparer.OrdinalIgnoreCase).Count(), names.Count);
    }

    [Fact]
    public void FunctionApp_SetsTheWorkerUrlTheApiNeeds()
    {
        // The one required option today; the general rule above covers the rest.
        Assert.Contains($"{WorkerOptions.SectionName}__{nameof(WorkerOptions.BaseUrl)}", CodeSettings.Api.Required);
        Assert.Contains(compiled.FunctionAppSettings, s => s.Name == $"{WorkerOptions.SectionName}__{nameof(WorkerOptions.BaseUrl)}");
    }

    [Theory]
    [MemberData(nameof(SecretSettings))]
    public void FunctionApp_ReadsEachSecretFromAKeyVaultSecretThePostprovisionHookCreates(string setting)
    {
        var value = Assert.Single(compiled.FunctionAppSettings, s => s.Name == setting).Value;
        var reference = KeyVaultReference().Match(ArmValues.Text(value));
        var outputs = compiled.Template.Root.Outputs;
        var createdByVault = new Dictionary<string, string[]>
        {
            [ArmValues.Text(outputs["AZURE_KEY_VAULT_NAME"])] = ArmValues.Text(outputs["KEY_VAULT_SECRET_NAMES"]).Split(' '),
            [ArmValues.Text(outputs["WORKER_KEY_VAULT_NAME"])] = ArmValues.Text(outputs["WORKER_KEY_VAULT_SECRET_NAMES"]).Split(' '),
        };

        Assert.True(CodeSettings.Api.Reads(setting) || PlatformSettings.FunctionApp.Contains(setting), $"Nothing reads {setting}.");
        Assert.True(reference.Success, $"{setting} is not a Key Vault reference: {value}");
        Assert.Contains(reference.Groups[1].Value, compiled.Template.OfType(ResourceTypes.KeyVault).Select(v => v.Name));
        Assert.Contains(reference.Groups[2].Value, createdByVault[reference.Groups[1].Value]);
    }

    [Theory]
    [MemberData(nameof(WorkerResources))]
    public void Worker_GetsEveryRequiredOptionOfTheWorker(string type)
    {
        var set = CompiledTemplate.ContainerEnvironment(compiled.Template.Single(type)).Select(e => e.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = CodeSettings.Worker.Required.Where(r => !set.Contains(r)).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(WorkerResources))]
    public void Worker_GetsNothingTheWorkerDoesNotRead(string type)
    {
        var environment = CompiledTemplate.ContainerEnvironment(compiled.Template.Single(type));
        var unread = environment.Select(e => e.Name).Where(name => !CodeSettings.Worker.Reads(name) && !PlatformSettings.Worker.Contains(name)).ToList();

        Assert.NotEmpty(environment);
        Assert.True(unread.Count == 0, $"Set but not read by the worker: {string.Join(", ", unread)}");
    }

    [Theory]
    [InlineData(ResourceTypes.ContainerApp, "userAssignedIdentities/id-worker-")]
    [InlineData(ResourceTypes.Job, "userAssignedIdentities/id-job-")]
    public void Worker_SendsTelemetryToApplicationInsights_AsItsOwnIdentity(string type, string identity)
    {
        var environment = CompiledTemplate.ContainerEnvironment(compiled.Template.Single(type)).ToDictionary(e => e.Name, e => $"{e.Value}");

        Assert.Contains("ConnectionString", environment["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
        var authentication = environment[Serverless.Telemetry.AzureMonitorAuthentication.SettingName];
        Assert.Contains("Authorization=AAD", authentication, StringComparison.Ordinal);
        Assert.Contains(identity, authentication, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryOptionsClass_IsBoundFromASectionTheseTestsKnow()
    {
        // An options class these tests cannot place (no SectionName constant, not nested in one that has) would be
        // read from settings no test checks: give it a SectionName.
        var unplaced = OptionsSettings.OptionsClasses(CodeSettings.ApiAssemblies).Where(t => !CodeSettings.Api.BoundTypes.Contains(t))
            .Concat(OptionsSettings.OptionsClasses(CodeSettings.WorkerAssemblies).Where(t => !CodeSettings.Worker.BoundTypes.Contains(t)))
            .ToList();

        Assert.Empty(unplaced);
    }

    [GeneratedRegex(@"^@Microsoft\.KeyVault\(VaultName=([\w-]+);SecretName=([\w-]+)\)$")]
    private static partial Regex KeyVaultReference();
}
