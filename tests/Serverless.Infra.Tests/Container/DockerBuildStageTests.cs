using System.Net;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Container;

/// <summary>
/// Builds the worker image's build stage without Docker: the context Docker would send (the repository filtered by
/// .dockerignore), the Dockerfile's COPY steps replayed into an empty folder, and its own restore, publish and
/// prepare-models commands run there; then the published folder is started as the runtime stage starts it.
/// The one change: the CPU build of ONNX Runtime instead of the GPU one (OnnxRuntimeFlavor=Gpu restores hundreds of MB
/// of CUDA natives, too much for every test run). Which projects are copied, what the context holds and every command
/// are the image's own.
/// </summary>
public sealed class DockerBuildStageTests : IDisposable
{
    private readonly string imageRoot = Path.Combine(Path.GetTempPath(), "serverless-image-" + Guid.NewGuid().ToString("N")[..8]);

    private static Dockerfile Worker => Dockerfile.Worker;

    [Fact]
    public async Task BuildStage_FromTheContextDockerSends_PublishesAWorkerThatServesTheBakedModels()
    {
        var ignore = DockerIgnore.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, ".dockerignore")));
        var replay = new DockerBuildReplay(RepositoryPaths.Root, ignore.Context(RepositoryPaths.Root), imageRoot);

        await replay.RunAsync(
            Worker.BuildStage,
            command => command.Replace("-p:OnnxRuntimeFlavor=Gpu", "-p:OnnxRuntimeFlavor=Cpu", StringComparison.Ordinal),
            TimeSpan.FromMinutes(8));

        // The runtime stage copies the build stage's /app as it is; what the app reads at run time must be there.
        var app = replay.HostPath("/app");
        var modelsPath = replay.HostPath(Worker.Environment["Inference__ModelsPath"]);
        Assert.True(File.Exists(Path.Combine(app, "Serverless.Worker")), "the self-contained executable");
        Assert.True(File.Exists(Path.Combine(app, "appsettings.json")), "the worker's appsettings.json");
        Assert.True(File.Exists(Path.Combine(app, "libonnxruntime.so")), "ONNX Runtime's Linux native library");
        Assert.True(File.Exists(Path.Combine(modelsPath, "gpt2-tiny", "model.json")), "the baked gpt2-tiny model");
        Assert.True(File.Exists(Path.Combine(modelsPath, "all-minilm-l6-v2", "model.json")), "the baked MiniLM model");
        Assert.True(File.Exists(Path.Combine(modelsPath, "llama-tiny", "tokenizer.json")), "the baked llama-tiny export folder");

        var ready = await StartAsTheRuntimeStageDoesAsync(replay, modelsPath);

        Assert.Contains("gpt2-tiny", ready, StringComparison.Ordinal);
        Assert.Contains("all-minilm-l6-v2", ready, StringComparison.Ordinal);
        Assert.Contains("llama-tiny", ready, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(imageRoot))
        {
            Directory.Delete(imageRoot, recursive: true);
        }
    }

    // ENTRYPOINT + CMD with the runtime stage's ENV, only the listening address moved to a free loopback port.
    private static async Task<string> StartAsTheRuntimeStageDoesAsync(DockerBuildReplay replay, string modelsPath)
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(Worker.RuntimeStage.Single(i => i.Keyword == "ENTRYPOINT").Arguments)!;
        var command = JsonSerializer.Deserialize<string[]>(Worker.RuntimeStage.Single(i => i.Keyword == "CMD").Arguments)!;
        var port = FreePort.Next();
        var info = new System.Diagnostics.ProcessStartInfo(replay.HostPath(entrypoint[0]))
        {
            WorkingDirectory = replay.HostPath("/app"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in entrypoint[1..].Concat(command))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Worker.Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Serve__ApiKey"] = "docker-build-stage-test-worker-key"; // a Container App secret in Azure
        info.Environment["Inference__ModelsPath"] = modelsPath;
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromMinutes(1) && !process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            lock (output)
            {
                throw new TimeoutException($"The published worker did not become ready:\n{output}");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}
