using System.Collections.Concurrent;
using System.Diagnostics;

namespace Serverless.Testing;

/// <summary>A service of the product run as a real process on loopback, with its output kept for failure messages.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ServiceProcess(Process process, Uri? baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The service's base URL, <c>http://127.0.0.1:port/</c> (null for a job-mode worker, which does not listen).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The OS process id.</summary>
    public int Id => process.Id;

    /// <summary>Everything the process printed so far.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>The CPU time the process has used so far (user and system), for benchmarks that say where the CPU went.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Waits for the process to end by itself and returns its exit code; throws after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The process did not exit within {timeout}:\n{Output}");
        }

        return process.ExitCode;
    }

    /// <summary>
    /// Starts the GPU worker's serve mode on a free port with the given models folder and extra settings; it answers
    /// <c>/v1/*</c> only to callers presenting <paramref name="workerKey"/> (the API's <c>Worker:ApiKey</c>).
    /// </summary>
    public static Task<ServiceProcess> StartWorkerAsync(string workerKey, string? modelsPath = null, params string[] settings) =>
        StartAsync(
            RepositoryPaths.WorkerDll,
            "readyz",
            ["serve", "--Inference:ModelsPath", modelsPath ?? RepositoryPaths.Models, .. settings],
            new Dictionary<string, string> { ["Serve__ApiKey"] = workerKey }); // as the container app gets it: an environment variable

    /// <summary>
    /// Starts the local API host on a free port, talking to the worker at <paramref name="workerUrl"/>; secrets and
    /// storage come in <paramref name="environment"/> (as app settings do in Azure), other settings as arguments.
    /// </summary>
    public static Task<ServiceProcess> StartApiAsync(Uri workerUrl, IReadOnlyDictionary<string, string> environment, params string[] settings) =>
        StartAsync(RepositoryPaths.LocalHostDll, "healthz", ["--Worker:BaseUrl", workerUrl.ToString(), .. settings], environment);

    /// <summary>
    /// Starts the GPU worker's job mode (the Container Apps job) on the storage in <paramref name="storageConnectionString"/>,
    /// running until killed unless settings say otherwise, and waits until it takes work.
    /// </summary>
    public static async Task<ServiceProcess> StartJobWorkerAsync(string storageConnectionString, params string[] settings)
    {
        var info = Info(RepositoryPaths.WorkerDll, ["job", "--JobMode:RunForever", "true", "--Inference:ModelsPath", RepositoryPaths.Models, .. settings]);
        info.Environment["AzureWebJobsStorage"] = storageConnectionString;
        var service = new ServiceProcess(Process.Start(info)!, null);
        try
        {
            await service.WaitForOutputAsync("Job mode started", TimeSpan.FromMinutes(3));
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <paramref name="dll"/> with <c>--urls</c> on a free port and waits until <paramref name="readyPath"/> answers.</summary>
    public static async Task<ServiceProcess> StartAsync(
        string dll, string readyPath, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var port = FreePort.Next();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var info = Info(dll, [.. args, "--urls", baseUrl.ToString().TrimEnd('/')]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var service = new ServiceProcess(Process.Start(info)!, baseUrl);
        try
        {
            await service.WaitUntilAnswersAsync(readyPath, timeout ?? TimeSpan.FromMinutes(3));
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Peak resident memory of the process so far (VmHWM), in bytes.</summary>
    public long PeakWorkingSetBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Kills the process tree and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Waits until the process prints a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with {process.ExitCode} before printing '{text}':\n{Output}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The process did not print '{text}' within {timeout}:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    private static ProcessStartInfo Info(string dll, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    private async Task WaitUntilAnswersAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if ((int)response.StatusCode < 500)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service did not answer {path} within {timeout}:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 5000 && output.TryDequeue(out _))
        {
        }
    }
}
