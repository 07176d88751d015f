using Serverless.Infra.Tests.Arm;
using Serverless.Infra.Tests.Bicep;

namespace Serverless.Infra.Tests.Template;

/// <summary>infra/main.bicep compiled once per test run, and evaluated as <c>azd up</c> would deploy it after the first deployment.</summary>
public sealed class CompiledTemplate
{
    public CompiledTemplate()
    {
        Build = BicepCli.Run("build", BicepCli.MainTemplate, "--stdout");
        Assert.True(Build.ExitCode == 0, $"bicep build failed:\n{Build.Diagnostics}");
        Json = Build.Output;
        Template = ArmTemplate.Load(Json, Parameters);
    }

    /// <summary>The deployment parameters: what azd passes once the worker image exists.</summary>
    internal static IReadOnlyDictionary<string, object?> Parameters { get; } = new Dictionary<string, object?>
    {
        ["environmentName"] = "infra-test",
        ["location"] = "westus3",
        ["principalId"] = DeployerPrincipalId,
        ["workerImageName"] = "crinfratest.azurecr.io/serverless-llm-api/worker-infra-test:azd-deploy-1",
    };

    /// <summary>The principal ID passed as the deployer's.</summary>
    internal const string DeployerPrincipalId = "11111111-1111-1111-1111-111111111111";

    /// <summary>The run of <c>bicep build</c>.</summary>
    internal BicepResult Build { get; }

    /// <summary>The compiled ARM JSON.</summary>
    internal string Json { get; }

    /// <summary>The compiled template, evaluated.</summary>
    internal ArmTemplate Template { get; }

    /// <summary>The Functions app.</summary>
    internal ArmResource FunctionApp => Template.Single(ResourceTypes.Site);

    /// <summary>The worker's serve-mode container app.</summary>
    internal ArmResource WorkerApp => Template.Single(ResourceTypes.ContainerApp);

    /// <summary>The worker's queue-mode job.</summary>
    internal ArmResource WorkerJob => Template.Single(ResourceTypes.Job);

    /// <summary>The app settings of the Functions app, by name.</summary>
    internal IReadOnlyList<(string Name, object? Value)> FunctionAppSettings =>
        NameValues(FunctionApp["properties.siteConfig.appSettings"]);

    /// <summary>The environment variables of the first container of a container app or job, by name.</summary>
    internal static IReadOnlyList<(string Name, object? Value)> ContainerEnvironment(ArmResource appOrJob) =>
        NameValues(ArmValues.At(ArmValues.Items(appOrJob["properties.template.containers"])[0], "env"));

    private static List<(string Name, object? Value)> NameValues(object? list) =>
        ArmValues.Items(list).Select(item => (ArmValues.Text(ArmValues.At(item, "name")), ArmValues.At(item, "value"))).ToList();
}
