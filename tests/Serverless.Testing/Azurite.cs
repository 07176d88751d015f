using System.Diagnostics;
using System.Net.Sockets;

namespace Serverless.Testing;

/// <summary>
/// A real Azurite (Azure Storage emulator) from the project's npm packages on free loopback ports: in memory, or
/// kept in a folder as <c>./run.sh</c> keeps it, where a benchmark can watch the store grow.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private readonly Process process;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    /// <summary>The connection string (Azurite's well-known development account; not a secret).</summary>
    public string ConnectionString { get; }

    /// <summary>Whether Azurite has ended (it was not stopped: it crashed or was killed).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The CPU time Azurite has used so far (user and system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts Azurite, keeping its data in <paramref name="dataFolder"/> if given (else in memory), and waits until
    /// its three services listen. A free port can be taken between picking it and Azurite binding it (an outgoing
    /// connection's local port, another test's service): Azurite then exits at once, and it is started again on
    /// other ports, up to three times.
    /// </summary>
    public static async Task<Azurite> StartAsync(string? dataFolder = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(dataFolder);
            }
            catch (AzuriteExitedException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<Azurite> StartOnFreePortsAsync(string? dataFolder)
    {
        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var info = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        string[] persistence = dataFolder is null ? ["--inMemoryPersistence"] : ["--location", dataFolder];
        foreach (var arg in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        }.Concat(persistence))
        {
            info.ArgumentList.Add(arg);
        }

        // A diagnostic: AZURITE_DEBUG_LOG names a file where Azurite logs every request it serves.
        if (Environment.GetEnvironmentVariable("AZURITE_DEBUG_LOG") is { Length: > 0 } debugLog)
        {
            info.ArgumentList.Add("--debug");
            info.ArgumentList.Add(debugLog);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start azurite (run npm ci first)");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 50)
            {
                errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, blob, queue, table);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await WaitForPortAsync(process, port);
            }
        }
        catch (AzuriteExitedException e)
        {
            throw new AzuriteExitedException($"{e.Message}: {string.Join('\n', errors)}");
        }

        return azurite;
    }

    /// <summary>Stops Azurite.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static async Task WaitForPortAsync(Process process, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new AzuriteExitedException($"azurite exited with {process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"azurite did not listen on {port}");
    }
}

/// <summary>Azurite ended while starting (most often: one of its ports was taken meanwhile).</summary>
internal sealed class AzuriteExitedException(string message) : InvalidOperationException(message);
