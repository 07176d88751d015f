using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests.Container;

/// <summary>
/// Replays a Dockerfile's build stage without Docker: <c>WORKDIR</c>, <c>COPY</c> from the build context (only the
/// files <c>.dockerignore</c> lets through) and <c>RUN</c>, in order, in a folder standing for the image's file system.
/// Absolute paths in commands (<c>/src</c>, <c>/app</c>) are mapped into that folder.
/// </summary>
internal sealed partial class DockerBuildReplay(string contextRoot, IReadOnlyCollection<string> context, string imageRoot)
{
    private readonly HashSet<string> contextFiles = [.. context];
    private string workdir = "/";

    /// <summary>The host folder that stands for <paramref name="containerPath"/>.</summary>
    public string HostPath(string containerPath) => Path.Combine(imageRoot, containerPath.TrimStart('/'));

    /// <summary>Replays the instructions; the first that fails throws with what Docker would have said.</summary>
    /// <param name="instructions">The build stage.</param>
    /// <param name="rewriteRun">Changes a <c>RUN</c> command before it runs (e.g. the ONNX Runtime flavour).</param>
    /// <param name="timeout">The longest one <c>RUN</c> may take.</param>
    public async Task RunAsync(IEnumerable<(string Keyword, string Arguments)> instructions, Func<string, string> rewriteRun, TimeSpan timeout)
    {
        foreach (var (keyword, arguments) in instructions)
        {
            switch (keyword)
            {
                case "WORKDIR":
                    workdir = Resolve(arguments);
                    Directory.CreateDirectory(HostPath(workdir));
                    break;
                case "COPY" when arguments.StartsWith("--from", StringComparison.Ordinal):
                    throw new NotSupportedException($"COPY {arguments}: copies between stages are not replayed.");
                case "COPY":
                    Copy(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
                    break;
                case "RUN":
                    await RunCommandAsync(rewriteRun(arguments), timeout);
                    break;
                case "ARG" or "ENV" or "LABEL" or "EXPOSE":
                    break;
                default:
                    throw new NotSupportedException($"{keyword} is not replayed.");
            }
        }
    }

    private void Copy(string[] arguments)
    {
        var sources = arguments[..^1];
        var destination = Resolve(arguments[^1]);
        if (sources.Length > 1 && !arguments[^1].EndsWith('/'))
        {
            throw new InvalidOperationException($"COPY {string.Join(' ', arguments)}: with several sources the destination must end with '/'.");
        }

        foreach (var source in sources)
        {
            var path = (source is "." or "./" ? string.Empty : source.StartsWith("./", StringComparison.Ordinal) ? source[2..] : source).Trim('/');
            if (contextFiles.Contains(path))
            {
                var target = arguments[^1].EndsWith('/') ? destination.TrimEnd('/') + "/" + Path.GetFileName(path) : destination;
                CopyFile(path, target);
                continue;
            }

            var below = contextFiles.Where(f => path.Length == 0 || f.StartsWith(path + "/", StringComparison.Ordinal)).ToList();
            if (below.Count == 0)
            {
                // What BuildKit says when a source is missing from the context (.dockerignore or a typo).
                throw new InvalidOperationException($"COPY {string.Join(' ', arguments)}: \"/{path}\": not found in the build context.");
            }

            foreach (var file in below)
            {
                CopyFile(file, destination.TrimEnd('/') + "/" + file[(path.Length == 0 ? 0 : path.Length + 1)..]);
            }
        }
    }

    private void CopyFile(string contextPath, string containerPath)
    {
        var target = HostPath(containerPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(contextRoot, contextPath), target, overwrite: true);
    }

    private async Task RunCommandAsync(string command, TimeSpan timeout)
    {
        var mapped = AbsolutePath().Replace(command, m => HostPath(m.Value));
        var info = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = HostPath(workdir),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(mapped);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"RUN {command} took over {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"RUN {command} failed with exit code {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    private string Resolve(string path) => path.StartsWith('/') ? path : workdir.TrimEnd('/') + "/" + path;

    // An absolute path in a command: the image's own folders, never an option value such as `-p:X=/y`.
    [GeneratedRegex(@"(?<=^|\s)/(src|app)(?=/|\s|$)[^\s]*")]
    private static partial Regex AbsolutePath();
}
