using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Infra.Tests.Template;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Deploy;

/// <summary>azure.yaml, the parameters file and the hooks agree with the template (azd itself cannot run here).</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class AzdTests(CompiledTemplate compiled)
{
    /// <summary>Variables azd itself sets for hooks, besides the template's outputs.</summary>
    private static readonly string[] AzdVariables = ["AZURE_SUBSCRIPTION_ID", "AZURE_ENV_NAME", "SERVICE_WORKER_IMAGE_NAME"];

    private static string Root => RepositoryPaths.Root;

    [Fact]
    public void ParametersFile_SetsOnlyParametersOfMain_AndEveryOneWithoutADefault()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json")));
        var given = file.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        var declared = compiled.Template.Root.Template.GetProperty("parameters").EnumerateObject().ToList();

        Assert.All(given, name => Assert.Contains(declared, p => p.Name == name));
        Assert.All(declared.Where(p => !p.Value.TryGetProperty("defaultValue", out _)), p => Assert.Contains(p.Name, given));
    }

    [Fact]
    public void AzureYaml_PointsAtTheWorkerDockerfileAndHooksThatExist()
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));

        Assert.Contains("host: containerapp", yaml, StringComparison.Ordinal);
        Assert.Contains("project: ./gpu-worker", yaml, StringComparison.Ordinal);
        Assert.Contains("path: ./Dockerfile", yaml, StringComparison.Ordinal);
        Assert.Contains("context: ..", yaml, StringComparison.Ordinal); // the repository root, which .dockerignore trims
        Assert.True(File.Exists(Path.Combine(Root, "gpu-worker", "Dockerfile")));
        var hooks = HookRun().Matches(yaml).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, hooks.Count);
        Assert.All(hooks, hook => Assert.True(File.Exists(Path.Combine(Root, hook)), $"azure.yaml runs '{hook}', which does not exist."));
    }

    [Fact]
    public void WorkerApp_CarriesTheTagAzdDeploysTheWorkerServiceTo()
    {
        Assert.Equal("worker", compiled.WorkerApp["tags.azd-service-name"]);
        Assert.Single(compiled.Template.Resources, r => r["tags.azd-service-name"] is not null);
    }

    [Fact]
    public void Hooks_ReadOnlyOutputsTheTemplateDeclaresOrAzdSets()
    {
        var outputs = compiled.Template.Root.Outputs.Keys.ToHashSet(StringComparer.Ordinal);
        var unknown = Directory.EnumerateFiles(Path.Combine(Root, "infra", "hooks"))
            .SelectMany(file => (file.EndsWith(".ps1", StringComparison.Ordinal) ? PowerShellVariable() : ShellVariable())
                .Matches(File.ReadAllText(file))
                .Select(m => (file: Path.GetFileName(file), name: m.Groups[1].Value)))
            .Where(v => !outputs.Contains(v.name) && !AzdVariables.Contains(v.name))
            .Distinct()
            .ToList();

        Assert.Empty(unknown);
    }

    [GeneratedRegex(@"run:\s*\./(\S+)")]
    private static partial Regex HookRun();

    /// <summary><c>$NAME</c> or <c>${NAME...}</c>, upper case: the environment (sh).</summary>
    [GeneratedRegex(@"\$\{?([A-Z][A-Z0-9_]{2,})")]
    private static partial Regex ShellVariable();

    /// <summary><c>$env:NAME</c>: the environment (PowerShell).</summary>
    [GeneratedRegex(@"\$env:([A-Za-z][A-Za-z0-9_]{2,})")]
    private static partial Regex PowerShellVariable();
}
