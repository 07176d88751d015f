using System.Text.Json;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Console;

/// <summary>
/// The web console at <c>/console</c> in one headless Chromium tab, driven as a user does: type into labelled
/// fields, press buttons, follow the nav, and wait for what the page shows.
/// </summary>
internal sealed class ConsolePage(ChromiumPage page, Uri apiBase) : IAsyncDisposable
{
    /// <summary>
    /// Defined in every script: wait for what a function finds (30 s unless told), set a field as typing does, and
    /// press a button by test id once the page has rendered what was typed (as a user's click comes in a later task).
    /// </summary>
    private const string Prelude = """
        const until = async (find, what, ms = 30000) => {
          for (const end = Date.now() + ms; Date.now() < end;) {
            const found = find();
            if (found) return found;
            await new Promise(r => setTimeout(r, 100));
          }
          throw new Error('the console never showed ' + what + '; it shows: ' + document.body.innerText.slice(0, 1500));
        };
        const byTest = id => document.querySelector('[data-testid="' + id + '"]');
        const fill = (id, value) => {
          const field = document.getElementById(id);
          if (!field) throw new Error('no field #' + id);
          Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value').set.call(field, value);
          field.dispatchEvent(new Event('input', { bubbles: true }));
          field.dispatchEvent(new Event('change', { bubbles: true }));
        };
        const settle = () => new Promise(r => setTimeout(r, 50));
        const press = async id => {
          await settle();
          (await until(() => byTest(id), id)).click();
        };
        const idle = () => !document.querySelector('[aria-busy="true"]');
        """;

    /// <summary>The tab, for its <see cref="ChromiumPage.Errors"/>.</summary>
    public ChromiumPage Browser => page;

    /// <summary>
    /// Opens Chromium (a window of <paramref name="width"/> by <paramref name="height"/>; a phone's screen when
    /// <paramref name="phone"/>) on the console's sign-in page.
    /// </summary>
    public static async Task<ConsolePage> OpenAsync(Uri apiBase, int width = 1280, int height = 1000, bool phone = false)
    {
        var browser = await ChromiumPage.OpenAsync(width, height);
        if (phone)
        {
            await browser.EmulatePhoneAsync(width, height);
        }

        var console = new ConsolePage(browser, apiBase);
        await browser.NavigateAsync(new Uri(apiBase, "console"));
        await console.RunAsync("until(() => document.getElementById('api-key'), 'the sign-in form')");
        return console;
    }

    /// <summary>Runs <paramref name="body"/> (statements ending in a <c>return</c>) in the page, after the prelude.</summary>
    public Task<JsonElement> RunAsync(string body) =>
        page.EvaluateAsync("(async () => {" + Prelude + (body.Contains("return", StringComparison.Ordinal) ? body : "return await " + body + ";") + "})()");

    /// <summary>Types <paramref name="key"/> into the key field, signs in and waits for the console; returns the header's "who" line.</summary>
    public async Task<string> SignInAsync(string key)
    {
        await RunAsync("return (await until(() => document.getElementById('api-key'), 'the sign-in form')).focus();");
        await page.InsertTextAsync(key);
        return (await RunAsync("""
            await press('sign-in-button');
            return (await until(() => byTest('who') ?? (byTest('error') && 'refused: ' + byTest('error').textContent), 'the console after sign-in')).textContent ?? '';
            """)).GetString()!;
    }

    /// <summary>Presses Sign out and waits for the sign-in form.</summary>
    public Task SignOutAsync() =>
        RunAsync("byTest('sign-out').click(); return !!(await until(() => document.getElementById('api-key'), 'the sign-in form'));");

    /// <summary>Follows the nav (or, for a page not in it, the address) to <paramref name="hash"/> and waits until its data has loaded.</summary>
    public Task GoAsync(string hash) =>
        RunAsync($$"""
            const link = document.querySelector('nav a[href="{{hash}}"]');
            if (link) link.click(); else location.hash = '{{hash}}';
            await until(() => location.hash === '{{hash}}' && document.querySelector('main h1'), 'the page {{hash}}');
            await new Promise(r => setTimeout(r, 50));
            return !!(await until(idle, 'the page {{hash}} loaded'));
            """);

    /// <summary>The visible text of the element with test id <paramref name="testId"/>, once there is one.</summary>
    public async Task<string> TextAsync(string testId) =>
        (await RunAsync($"return (await until(() => byTest('{testId}'), '{testId}')).textContent.trim();")).GetString()!;

    /// <summary>Saves <c>.artifacts/console-<paramref name="name"/>.png</c>, with every secret on the page blurred first.</summary>
    public async Task ScreenshotAsync(string name)
    {
        await RunAsync("document.querySelectorAll('.secret-value').forEach(e => e.style.setProperty('filter', 'blur(6px)')); return true;");
        await page.TryScreenshotAsync(Path.Combine(RepositoryPaths.Root, ".artifacts", $"console-{name}.png"));
    }

    /// <summary>An HTTP client for the same API with <paramref name="key"/>, to compare the page with the API.</summary>
    public HttpClient CreateHttpClient(string key) =>
        new() { BaseAddress = apiBase, Timeout = TimeSpan.FromMinutes(1), DefaultRequestHeaders = { Authorization = new("Bearer", key) } };

    public ValueTask DisposeAsync() => page.DisposeAsync();
}
