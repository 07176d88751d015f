using Serverless.Infra.Tests.Arm;
using Serverless.Infra.Tests.Settings;
using Serverless.Infra.Tests.Template;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Container;

/// <summary>Docker is not available to the tests, so the Dockerfile is checked as text against what the rest relies on.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class DockerfileTests(CompiledTemplate compiled)
{
    private static Dockerfile Worker => Dockerfile.Worker;

    private static string Line((string Keyword, string Arguments) instruction) => $"{instruction.Keyword} {instruction.Arguments}";

    [Fact]
    public void Build_PublishesTheWorkerSelfContainedForLinuxWithTheGpuOnnxRuntime()
    {
        var publish = Assert.Single(Worker.Runs("dotnet publish"));

        Assert.Equal("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", Line(Worker.Instructions.First(i => i.Keyword == "FROM")));
        Assert.Contains("gpu-worker/Serverless.Worker/Serverless.Worker.csproj", publish, StringComparison.Ordinal);
        Assert.Contains("-r linux-x64", publish, StringComparison.Ordinal);
        Assert.Contains("--self-contained true", publish, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeFlavor=Gpu", publish, StringComparison.Ordinal);
        Assert.EndsWith("&& rm -f /app/onnxruntime.dll /app/onnxruntime_providers_*.dll", publish, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeFlavor=Gpu", Assert.Single(Worker.Runs("dotnet restore")), StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_IsCuda13WithCudnn9AndRunsAsANonRootUser()
    {
        var user = Assert.Single(Worker.RuntimeStage, i => i.Keyword == "USER").Arguments;

        Assert.Matches(@"^nvidia/cuda:13\.\d+\.\d+-cudnn-runtime-ubuntu\d+\.\d+$", Worker.Argument("RUNTIME_IMAGE"));
        Assert.Equal("FROM ${RUNTIME_IMAGE}", Line(Worker.RuntimeStage.First()));
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        Assert.Equal("[\"/app/Serverless.Worker\"]", Assert.Single(Worker.RuntimeStage, i => i.Keyword == "ENTRYPOINT").Arguments);
    }

    [Fact]
    public void Image_BakesTheDefaultModelsWhereTheWorkerLooksForThem()
    {
        var modelsPath = Worker.Environment["Inference__ModelsPath"];

        Assert.EndsWith($"prepare-models --Inference:ModelsPath {modelsPath}", Assert.Single(Worker.Runs("prepare-models")), StringComparison.Ordinal);
    }

    [Fact]
    public void Image_SetsOnlySettingsTheWorkerReads()
    {
        var unread = Worker.Environment.Keys.Where(k => !CodeSettings.Worker.Reads(k) && !PlatformSettings.Worker.Contains(k));

        Assert.Empty(unread);
    }

    [Fact]
    public void WorkerApp_SendsTrafficAndProbesToThePortTheImageListensOn()
    {
        long port = new Uri(Worker.Environment["URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;
        var app = compiled.WorkerApp;
        var probes = ArmValues.Items(ArmValues.At(ArmValues.Items(app["properties.template.containers"])[0], "probes"));

        Assert.Contains($"EXPOSE {port}", Worker.RuntimeStage.Select(Line));
        Assert.Equal(port, app["properties.configuration.ingress.targetPort"]);
        Assert.Equal(["/healthz", "/healthz", "/readyz"], probes.Select(p => ArmValues.At(p, "httpGet.path")));
        Assert.All(probes, p => Assert.Equal(port, ArmValues.At(p, "httpGet.port")));
    }

    [Fact]
    public void BuildContext_SendsWhatTheBuildCopiesAndNoBuildOutput()
    {
        var ignore = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var allowed = ignore.Where(l => l.StartsWith('!')).Select(l => l[1..].TrimEnd('/')).ToList();
        var sources = Worker.Instructions
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ')[..^1]);

        Assert.Equal("*", ignore[0]);
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
        Assert.All(sources, source => Assert.Contains(allowed, a => source.TrimEnd('/') == a || source.StartsWith(a + "/", StringComparison.Ordinal)));
        Assert.All(allowed, a => Assert.True(Path.Exists(Path.Combine(RepositoryPaths.Root, a)), $".dockerignore lets in '{a}', which does not exist."));
    }
}
