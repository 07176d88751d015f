using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// One tab of headless Chromium driven over the DevTools protocol, for what <c>--dump-dom</c> cannot do: run a
/// script that clicks and waits, type into the focused field, collect every console error, uncaught exception,
/// failed load and Content-Security-Policy violation the page reports, and take a screenshot.
/// </summary>
internal sealed partial class ChromiumPage : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly DirectoryInfo profile;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentQueue<string> log;
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    private Task reading = Task.CompletedTask;
    private int lastId;

    private ChromiumPage(Process process, DirectoryInfo profile, ConcurrentQueue<string> log) =>
        (this.process, this.profile, this.log) = (process, profile, log);

    /// <summary>What the page reported as an error so far: console errors, exceptions, failed loads, CSP violations.</summary>
    public IReadOnlyList<string> Errors => [.. errors];

    /// <summary>Chromium's own output, for failure messages.</summary>
    public string BrowserLog => string.Join('\n', log);

    /// <summary>Starts Chromium with an empty profile and a window of the given size, and attaches to its tab.</summary>
    public static async Task<ChromiumPage> OpenAsync(int width = 1280, int height = 1600)
    {
        var profile = Directory.CreateTempSubdirectory("serverless-chromium-");
        var info = new ProcessStartInfo(Chromium.Executable()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--window-size={width},{height}",
            $"--user-data-dir={profile.FullName}", "about:blank",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var log = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            Keep(e.Data);
            if (e.Data is { } line && DevToolsListening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var page = new ChromiumPage(process, profile, log);
        try
        {
            // Chromium says on stderr which port it picked; its HTTP endpoint there lists the tab to attach to.
            var browser = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient();
            using var targets = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{browser.Port}/json/list")));
            var tab = targets.RootElement.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
            await page.socket.ConnectAsync(new Uri(tab.GetProperty("webSocketDebuggerUrl").GetString()!), CancellationToken.None);
            page.reading = page.ReadAsync();
            await page.SendAsync("Runtime.enable");
            await page.SendAsync("Log.enable");
            await page.SendAsync("Page.enable");

            // A violation reaches the console too, but this names it even where a script catches the error it causes.
            await page.SendAsync("Page.addScriptToEvaluateOnNewDocument", new JsonObject
            {
                ["source"] = "document.addEventListener('securitypolicyviolation', e => console.error("
                    + "'Content-Security-Policy violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));",
            });
            return page;
        }
        catch (Exception e) when (e is TimeoutException or HttpRequestException or WebSocketException)
        {
            await page.DisposeAsync();
            throw new InvalidOperationException($"chromium did not open its DevTools endpoint:\n{string.Join('\n', log)}", e);
        }

        void Keep(string? line)
        {
            if (line is not null)
            {
                log.Enqueue(line);
            }
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits until the document has loaded.</summary>
    public async Task NavigateAsync(Uri url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // The old document may answer first, or go away mid-question: ask until the new one says it is loaded.
                if ((await EvaluateAsync("location.href + ' ' + document.readyState")).GetString() == $"{url} complete")
                {
                    return;
                }
            }
            catch (InvalidOperationException) when (waited.Elapsed < CommandTimeout)
            {
            }

            if (waited.Elapsed > CommandTimeout)
            {
                throw new TimeoutException($"{url} did not load within {CommandTimeout}:\n{BrowserLog}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Runs <paramref name="expression"/> in the page, awaiting it when it is a promise, and returns its value as
    /// JSON; an exception in the page fails the test with its message.
    /// </summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var answer = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (answer.TryGetProperty("exceptionDetails", out var exception))
        {
            var text = exception.TryGetProperty("exception", out var thrown) && thrown.TryGetProperty("description", out var description)
                ? description.GetString()
                : exception.GetProperty("text").GetString();
            throw new InvalidOperationException($"the page's script failed: {text}\nerrors: {string.Join('\n', errors)}");
        }

        var result = answer.GetProperty("result");
        return result.TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>Types <paramref name="text"/> into the focused field, as a paste does.</summary>
    public Task InsertTextAsync(string text) => SendAsync("Input.insertText", new JsonObject { ["text"] = text });

    /// <summary>Writes a PNG of what the window shows to <paramref name="path"/>; false (not a failure) when it could not.</summary>
    public async Task<bool> TryScreenshotAsync(string path)
    {
        try
        {
            var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone, or stuck: the profile below may then stay behind in the temp folder.
        }

        await reading.ContinueWith(_ => { }, TaskScheduler.Default);
        socket.Dispose();
        process.Dispose();
        sending.Dispose();
        closing.Dispose();
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }

        try
        {
            return await answer.Task.WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"chromium did not answer {method} within {CommandTimeout}:\n{BrowserLog}");
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    using var json = JsonDocument.Parse(message.ToArray());
                    message.SetLength(0);
                    Dispatch(json.RootElement);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed: whoever still waits is told below.
        }

        foreach (var waiting in pending.Values)
        {
            waiting.TrySetException(new IOException("chromium closed the DevTools connection."));
        }
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id))
        {
            if (pending.TryRemove(id.GetInt32(), out var answer))
            {
                if (message.TryGetProperty("error", out var error))
                {
                    answer.TrySetException(new InvalidOperationException($"DevTools refused a command: {error}"));
                }
                else
                {
                    answer.TrySetResult(message.GetProperty("result").Clone());
                }
            }

            return;
        }

        var parameters = message.TryGetProperty("params", out var p) ? p : default;
        switch (message.GetProperty("method").GetString())
        {
            case "Runtime.consoleAPICalled" when parameters.GetProperty("type").GetString() is "error" or "assert":
                errors.Enqueue("console: " + string.Join(' ', parameters.GetProperty("args").EnumerateArray().Select(Describe)));
                break;
            case "Runtime.exceptionThrown":
                var details = parameters.GetProperty("exceptionDetails");
                errors.Enqueue("uncaught: " + (details.TryGetProperty("exception", out var exception) ? Describe(exception) : details.GetProperty("text").GetString()));
                break;
            case "Log.entryAdded" when parameters.GetProperty("entry").GetProperty("level").GetString() == "error":
                var entry = parameters.GetProperty("entry");
                errors.Enqueue($"{entry.GetProperty("source").GetString()}: {entry.GetProperty("text").GetString()} {(entry.TryGetProperty("url", out var url) ? url.GetString() : null)}");
                break;
        }
    }

    private static string Describe(JsonElement remote) =>
        remote.TryGetProperty("value", out var value) ? value.ToString()
        : remote.TryGetProperty("description", out var description) ? description.GetString() ?? string.Empty
        : remote.ToString();

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsListening();
}
