using System.Diagnostics;
using System.Net.Sockets;

namespace Serverless.Testing;

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>, which <c>./test.sh</c> installs) on a free loopback port, in memory
/// only: what Azure Cache for Redis is to a deployment, for the response cache's distributed layer.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;
    private int disposed;

    private RedisServer(Process process, int port) => (this.process, ConnectionString) = (process, $"127.0.0.1:{port},abortConnect=false");

    /// <summary>The StackExchange.Redis connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts redis-server and waits until it accepts connections; a port taken meanwhile is retried once on another.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var info = new ProcessStartInfo("redis-server")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", $"{port}", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            {
                info.ArgumentList.Add(arg);
            }

            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("redis-server is not installed: ./test.sh installs it (apt-get install redis-server).", e);
            }

            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new RedisServer(process, port);
            if (await server.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(15)))
            {
                return server;
            }

            await server.DisposeAsync();
            if (attempt >= 2)
            {
                throw new InvalidOperationException($"redis-server did not listen on 127.0.0.1:{port}.");
            }
        }
    }

    /// <summary>Stops the server (an outage, as the cache sees it); again is a no-op, so a test may stop it midway and still dispose it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task<bool> WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }
}
