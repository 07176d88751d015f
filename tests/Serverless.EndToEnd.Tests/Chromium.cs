using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c> package; <c>./test.sh</c> installs it when missing), for what only a
/// browser enforces, such as CORS. It loads a page, lets its script run, and returns the page as the script left it.
/// </summary>
internal static partial class Chromium
{
    /// <summary>
    /// Loads <paramref name="url"/> and returns the text of the element with id <paramref name="elementId"/> once the
    /// page's script has settled (up to <paramref name="budget"/> of page time); fails the test when Chromium is not
    /// installed. Chromium's own log comes back too, for failure messages.
    /// </summary>
    public static async Task<(string Text, string BrowserLog)> ReadElementAsync(Uri url, string elementId, TimeSpan budget)
    {
        var path = Executable();
        var profile = Directory.CreateTempSubdirectory("serverless-chromium-");
        try
        {
            var info = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
                "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile.FullName}",
                $"--virtual-time-budget={(int)budget.TotalMilliseconds}", "--dump-dom", url.ToString(),
            })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(budget + TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish loading {url}:\n{await stderr}");
            }

            var (dom, log) = (await stdout, await stderr);
            var element = ElementText(elementId).Match(dom);
            Assert.True(element.Success, $"chromium's page has no element '{elementId}' (exit code {process.ExitCode}):\n{dom}\n{log}");
            return (WebUtility.HtmlDecode(element.Groups[1].Value), log);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>The <c>chromium</c> on the PATH; fails the test when there is none.</summary>
    public static string Executable()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists);
        Assert.True(path is not null, "chromium is not installed, so the browser tests cannot run: apt-get install chromium (./test.sh does it when missing).");
        return path!;
    }

    private static Regex ElementText(string id) => new($"id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</", RegexOptions.Singleline);
}
