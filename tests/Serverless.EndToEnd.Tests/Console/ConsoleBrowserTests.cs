using System.Globalization;
using System.Text.Json;
using Serverless.EndToEnd.Tests.Jobs;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Console;

/// <summary>
/// The web console at <c>/console</c> as its users meet it, in headless Chromium under the page's
/// Content-Security-Policy: an admin issues a limited key, its holder streams a chat answer, sees usage and quota
/// move, downloads the usage CSV and cancels a job; an admin edits, rotates and revokes a key and sets a tier and a
/// price; a user key is kept from the admin pages and a chat-only key from the usage pages; every page loads without
/// a console error, on a desktop and on a phone, with a label on every field.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class ConsoleBrowserTests(LocalStackFixture stack)
{
    private const string Owner = "console-e2e";

    private static readonly string[] AdminPages = ["overview", "usage", "quota", "keys", "tiers", "jobs", "models", "playground"];

    [Fact]
    public async Task AnAdminIssuesAKey_ItsHolderStreamsAnAnswer_SeesUsageAndQuotaMove_DownloadsTheCsv_AndCancelsAJob()
    {
        // A stack of its own with no job worker, so the submitted job waits, queued, until it is cancelled.
        await using var jobs = await JobStack.StartAsync(stack);
        await using var console = await ConsolePage.OpenAsync(jobs.Api.BaseUrl);

        // The admin creates a key for a new owner, with a per-minute request limit, and copies its secret.
        Assert.Contains("admin", await console.SignInAsync(jobs.Secrets.AdminKey), StringComparison.Ordinal);
        await console.GoAsync("#/keys");
        var secret = (await console.RunAsync($$"""
            byTest('create-key').open = true;
            fill('key-name', 'console test key');
            fill('key-owner', '{{Owner}}');
            fill('key-limit-rpm', '10');
            await press('create-key-submit');
            return (await until(() => byTest('new-secret-value'), 'the new secret')).textContent;
            """)).GetString()!;
        stack.RememberSecret(secret);
        stack.RememberSecret((await console.TextAsync("new-webhook-secret-value")).Trim());
        var listed = await console.RunAsync("""
            const row = await until(() => [...document.querySelectorAll('[data-testid="key-row"]')].find(r => r.dataset.keyName === 'console test key'), 'the new key in the list');
            return { text: row.textContent, warning: byTest('new-secret').textContent };
            """);
        await console.ScreenshotAsync("keys-created");
        await console.SignOutAsync();
        var leftBehind = await console.RunAsync("return localStorage.length + sessionStorage.length + document.cookie.length + (location.href.includes('sk-') ? 1 : 0);");

        // Its holder signs in; a user key sees no admin pages.
        var who = await console.SignInAsync(secret);
        var nav = (await console.RunAsync("return [...document.querySelectorAll('nav a')].map(a => a.textContent).join(',');")).GetString();

        // Streams a chat answer in the playground, between two looks at the quota within one UTC minute.
        await MinuteBoundary.AvoidAsync(secondsNeeded: 45);
        var rpmBefore = await RpmRemainingAsync(console);
        await console.GoAsync("#/playground");
        var answer = await console.RunAsync("""
            await until(() => document.querySelector('#pg-model option'), 'a chat model to pick');
            fill('pg-user', 'Tell me a story about a lighthouse.');
            fill('pg-max-tokens', '24');
            await press('pg-send');
            await until(() => byTest('pg-output').dataset.done === 'true', 'the streamed answer finished', 60000);
            return { output: byTest('pg-output').textContent, usage: byTest('pg-usage').textContent, error: byTest('error')?.textContent ?? '' };
            """);
        await console.ScreenshotAsync("playground-streamed");
        var rpmAfter = await RpmRemainingAsync(console);
        await console.ScreenshotAsync("quota-after");

        // The request shows in the owner's usage, and the CSV (shown and downloaded) holds exactly the API's rows.
        await console.GoAsync("#/usage");
        var requests = await console.RunAsync($$"""
            const cell = () => document.querySelector('[data-testid="usage-row"][data-model="{{LocalStackFixture.ChatModel}}"] [data-testid="usage-requests"]');
            for (let i = 0; i < 30 && !cell(); i++) {
              document.querySelector('main form button[type=submit]').click();
              await new Promise(r => setTimeout(r, 1000));
            }
            return (await until(cell, 'a usage row of {{LocalStackFixture.ChatModel}}')).textContent;
            """);
        var downloads = Directory.CreateTempSubdirectory("console-csv-");
        string shownCsv, downloadedCsv;
        try
        {
            await console.Browser.AllowDownloadsAsync(downloads.FullName);
            shownCsv = (await console.RunAsync("""
                await press('usage-download');
                [...document.querySelectorAll('main button')].find(b => b.textContent === 'Show CSV').click();
                return (await until(() => byTest('usage-csv'), 'the CSV')).value;
                """)).GetString()!;
            downloadedCsv = await DownloadedAsync(downloads, TimeSpan.FromSeconds(30));
        }
        finally
        {
            downloads.Delete(recursive: true);
        }

        await console.ScreenshotAsync("usage-after");
        await console.GoAsync("#/overview");
        var overview = await console.RunAsync("""
            await until(() => document.querySelectorAll('main .chart canvas').length === 3, 'three charts');
            return { today: byTest('today-requests').textContent, month: byTest('month-requests').textContent };
            """);
        await console.ScreenshotAsync("overview-after");
        using var http = console.CreateHttpClient(secret);
        var start = DateTimeOffset.UtcNow.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var apiUsage = JsonDocument.Parse(await http.GetStringAsync(new Uri($"v1/usage?group_by=model&start={start}", UriKind.Relative)));

        // A job submitted from the jobs page waits queued; Cancel on its page ends it cancelled.
        await console.GoAsync("#/jobs");
        var job = await console.RunAsync("""
            byTest('submit-job').open = true;
            await until(() => document.querySelector('#job-model option'), 'a model for the job');
            fill('job-message', 'A job to cancel');
            fill('job-max-tokens', '8');
            await press('submit-job-button');
            await until(() => location.hash.startsWith('#/jobs/job_') && byTest('job-status'), 'the job page');
            const queued = byTest('job-status').textContent;
            (await until(() => byTest('cancel-job'), 'the Cancel button')).click();
            await until(() => byTest('job-status').textContent === 'cancelled', 'the job cancelled', 60000);
            return { id: location.hash.slice('#/jobs/'.length), queued, ended: byTest('job-status').textContent };
            """);
        await console.ScreenshotAsync("job-cancelled");
        await console.GoAsync("#/jobs");
        var listedStatus = await console.RunAsync($$"""
            return (await until(() => document.querySelector('[data-testid="job-row"][data-job-id="{{job.GetProperty("id").GetString()}}"]'), 'the job in the list')).dataset.status;
            """);

        Assert.Contains("rpm 10", listed.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("shown this once", listed.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, leftBehind.GetInt32());
        Assert.Contains(Owner, who, StringComparison.Ordinal);
        Assert.Equal("Overview,Usage,Quota,Jobs,Models,Playground", nav);
        Assert.Equal(string.Empty, answer.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("output").GetString()), "the playground showed no streamed answer");
        Assert.Matches(@"Usage: \d+ prompt \+ \d+ completion = \d+ tokens", answer.GetProperty("usage").GetString());
        Assert.True(rpmAfter < rpmBefore, $"the quota page's requests left this minute did not drop: {rpmBefore} before, {rpmAfter} after");
        Assert.True(int.Parse(requests.GetString()!, CultureInfo.InvariantCulture) >= 1, "the usage page shows no request");
        Assert.NotEqual("0", overview.GetProperty("today").GetString());
        Assert.Equal(overview.GetProperty("today").GetString(), overview.GetProperty("month").GetString());
        AssertCsvHoldsTheRows(apiUsage.RootElement.GetProperty("data"), downloadedCsv);
        Assert.Equal(downloadedCsv.ReplaceLineEndings("\n"), shownCsv); // a textarea shows line ends as \n
        Assert.Equal("queued", job.GetProperty("queued").GetString());
        Assert.Equal("cancelled", job.GetProperty("ended").GetString());
        Assert.Equal("cancelled", listedStatus.GetString());
        Assert.True(console.Browser.Errors.Count == 0, "the console reported errors:\n" + string.Join('\n', console.Browser.Errors));
    }

    [Fact]
    public async Task AUserKey_SeesNoAdminPagesInTheNav_AndTheKeysPageSaysItNeedsAnAdminKey_AndAChatOnlyKeySeesNoUsage()
    {
        var (_, chatOnly) = await stack.CreateKeyAsync($$"""{"name":"console chat only","owner":"{{Owner}}-chat","role":"user","scopes":["chat"]}""");
        await using var console = await ConsolePage.OpenAsync(stack.Api.BaseUrl);

        await console.SignInAsync(stack.UserKey);
        var nav = (await console.RunAsync("return [...document.querySelectorAll('nav a')].map(a => a.getAttribute('href')).join(' ');")).GetString()!;
        await console.GoAsync("#/keys");
        var refusal = await console.TextAsync("forbidden");
        var keysShown = await console.RunAsync("return !!byTest('keys-table') || !!byTest('create-key');");
        await console.ScreenshotAsync("keys-as-user");
        await console.SignOutAsync();
        await console.SignInAsync(chatOnly);
        var chatNav = (await console.RunAsync("return [...document.querySelectorAll('nav a')].map(a => a.textContent).join(',');")).GetString();
        await console.GoAsync("#/usage");
        var usageRefusal = await console.TextAsync("forbidden");

        Assert.DoesNotContain("#/keys", nav, StringComparison.Ordinal);
        Assert.DoesNotContain("#/tiers", nav, StringComparison.Ordinal);
        Assert.Contains("needs an admin key", refusal, StringComparison.Ordinal);
        Assert.False(keysShown.GetBoolean(), "a user key was shown the keys page");
        Assert.Equal("Models,Playground", chatNav);
        Assert.Contains("needs a key with the “usage” scope", usageRefusal, StringComparison.Ordinal);
        Assert.True(console.Browser.Errors.Count == 0, "the console reported errors:\n" + string.Join('\n', console.Browser.Errors));
    }

    [Fact]
    public async Task AnAdmin_ChangesAKeysLimits_RotatesAndRevokesIt_AndSetsATierAndAPrice()
    {
        const string Name = "console admin key";
        await using var console = await ConsolePage.OpenAsync(stack.Api.BaseUrl);
        await console.SignInAsync(stack.Secrets.AdminKey);
        await console.GoAsync("#/keys");
        var first = await console.RunAsync($$"""
            byTest('create-key').open = true;
            fill('key-name', '{{Name}}');
            fill('key-owner', '{{Owner}}-admin');
            await press('create-key-submit');
            const secret = (await until(() => byTest('new-secret-value'), 'the new secret')).textContent;
            fill('keys-owner', '{{Owner}}-admin');
            await settle();
            document.getElementById('keys-owner').form.requestSubmit();
            const row = () => document.querySelector('[data-testid="key-row"][data-key-name="{{Name}}"]');
            await until(() => row() && document.querySelectorAll('[data-testid="key-row"]').length === 1, 'the key listed alone');
            return { secret, webhookSecret: byTest('new-webhook-secret-value').textContent, id: row().dataset.keyId };
            """);
        var id = first.GetProperty("id").GetString()!;
        stack.RememberSecret(first.GetProperty("secret").GetString()!);
        stack.RememberSecret(first.GetProperty("webhookSecret").GetString()!);
        var limited = await console.RunAsync($$"""
            const row = () => document.querySelector('[data-testid="key-row"][data-key-id="{{id}}"]');
            row().querySelector('button[aria-label^="Edit limits"]').click();
            await until(() => document.getElementById('edit-{{id}}-rpm'), 'the limit fields');
            fill('edit-{{id}}-rpm', '7');
            fill('edit-{{id}}-priority', 'high');
            fill('edit-{{id}}-response-cache', 'on');
            await settle();
            [...document.querySelectorAll('main button')].find(b => b.textContent === 'Save limits').click();
            await until(() => row()?.textContent.includes('rpm 7') && row(), 'the new limit listed');
            // Editing one limit again keeps the settings the form was opened with.
            row().querySelector('button[aria-label^="Edit limits"]').click();
            await until(() => document.getElementById('edit-{{id}}-rpm'), 'the limit fields again');
            fill('edit-{{id}}-rpm', '8');
            await settle();
            [...document.querySelectorAll('main button')].find(b => b.textContent === 'Save limits').click();
            return (await until(() => row()?.textContent.includes('rpm 8') && row(), 'the changed limit listed')).textContent;
            """);
        using (var admin = stack.CreateAdminClient())
        {
            using var stored = await admin.SendAsync(HttpMethod.Get, $"v1/admin/keys/{id}");
            using var key = System.Text.Json.JsonDocument.Parse(await stored.Content.ReadAsStringAsync());
            var limits = key.RootElement.GetProperty("limits");
            Assert.Equal((8, "high", true), (limits.GetProperty("rpm").GetInt32(), limits.GetProperty("priority").GetString(), limits.GetProperty("response_cache").GetBoolean()));
        }

        var rotated = await console.RunAsync($$"""
            document.querySelector('[data-testid="key-row"][data-key-id="{{id}}"] button[aria-label^="Rotate"]').click();
            await until(() => byTest('new-secret')?.textContent.includes('rotated'), 'the rotated secret');
            return byTest('new-secret-value').textContent;
            """);
        stack.RememberSecret(rotated.GetString()!);
        await console.ScreenshotAsync("keys-rotated");
        var revoked = await console.RunAsync($$"""
            const row = () => document.querySelector('[data-testid="key-row"][data-key-id="{{id}}"]');
            row().querySelector('button[aria-label^="Revoke"]').click();
            (await until(() => row().querySelector('[data-testid="confirm-revoke"]'), 'the confirm step')).click();
            return (await until(() => row()?.querySelector('.badge.revoked'), 'the key revoked')).textContent;
            """);
        using var withRotated = console.CreateHttpClient(rotated.GetString()!);
        using var afterRevoke = await withRotated.GetAsync(new Uri("v1/me", UriKind.Relative));

        await console.GoAsync("#/tiers");
        var tier = await console.RunAsync($$"""
            [...document.querySelectorAll('main button')].find(b => b.textContent === 'New tier').click();
            await until(() => document.getElementById('tier-name'), 'the tier form');
            fill('tier-name', '{{Owner}}-tier');
            fill('tier-limit-rpm', '30');
            await settle();
            [...document.querySelectorAll('main button')].find(b => b.textContent === 'Save tier').click();
            return (await until(() => document.querySelector('[data-testid="tier-row"][data-tier="{{Owner}}-tier"]'), 'the new tier')).textContent;
            """);
        var price = await console.RunAsync($$"""
            fill('price-model', '{{Owner}}-model');
            fill('price-input', '0.25');
            fill('price-output', '0.5');
            await settle();
            document.getElementById('price-model').form.requestSubmit();
            const row = () => document.querySelector('[data-testid="price-row"][data-model="{{Owner}}-model"]');
            const listed = (await until(row, 'the new price')).textContent;
            row().querySelector('button[aria-label^="Delete"]').click();
            await settle();
            [...row().querySelectorAll('button')].find(b => b.textContent === 'Yes, delete').click();
            await until(() => !row(), 'the price gone');
            return listed;
            """);
        await console.ScreenshotAsync("tiers-edited");

        Assert.Contains("rpm 8 · priority high · cache on", limited.GetString(), StringComparison.Ordinal);
        Assert.StartsWith("sk-", rotated.GetString(), StringComparison.Ordinal);
        Assert.NotEqual(first.GetProperty("secret").GetString(), rotated.GetString());
        Assert.Equal("revoked", revoked.GetString());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Contains("rpm 30", tier.GetString(), StringComparison.Ordinal);
        Assert.Contains("0.25", price.GetString(), StringComparison.Ordinal);
        Assert.True(console.Browser.Errors.Count == 0, "the console reported errors:\n" + string.Join('\n', console.Browser.Errors));
    }

    [Theory]
    [InlineData(1280, 1000, "")]
    [InlineData(390, 844, "phone-")]
    public async Task EveryPage_LoadsForAnAdmin_WithNoErrorOnThePageOrInTheConsole_NoSidewaysScroll_AndALabelOnEveryField(int width, int height, string prefix)
    {
        await using var console = await ConsolePage.OpenAsync(stack.Api.BaseUrl, width, height, phone: prefix.Length > 0);
        if (prefix.Length == 0)
        {
            await console.ScreenshotAsync("sign-in");
        }

        await console.SignInAsync(stack.Secrets.AdminKey);
        var shown = new Dictionary<string, JsonElement>();
        foreach (var name in AdminPages)
        {
            await console.GoAsync($"#/{name}");
            shown[name] = await console.RunAsync("""
                await until(() => document.querySelector('main table, main .meters li, main .headline, main form'), 'the page content');
                return {
                  alert: byTest('error')?.textContent ?? '',
                  width: window.innerWidth,
                  sideways: document.documentElement.scrollWidth > window.innerWidth,
                  unlabelled: [...document.querySelectorAll('input, select, textarea')].filter(f => f.labels.length === 0).map(f => f.id || f.outerHTML).join(' '),
                };
                """);
            await console.ScreenshotAsync(prefix + name);
        }

        Assert.All(shown, page =>
        {
            Assert.True(page.Value.GetProperty("alert").GetString() is "", $"the {page.Key} page showed an error: {page.Value.GetProperty("alert")}");
            Assert.Equal(width, page.Value.GetProperty("width").GetInt32());
            Assert.False(page.Value.GetProperty("sideways").GetBoolean(), $"the {page.Key} page scrolls sideways at {width} px");
            Assert.True(page.Value.GetProperty("unlabelled").GetString() is "", $"the {page.Key} page has fields without a label: {page.Value.GetProperty("unlabelled")}");
        });
        Assert.True(console.Browser.Errors.Count == 0, "the console reported errors:\n" + string.Join('\n', console.Browser.Errors));
    }

    /// <summary>What the quota page shows left of this minute's requests, once it shows the rpm meter.</summary>
    private static async Task<int> RpmRemainingAsync(ConsolePage console)
    {
        await console.GoAsync("#/quota");
        var left = await console.RunAsync("return (await until(() => byTest('quota-rpm'), 'the rpm meter')).dataset.remaining;");
        return int.Parse(left.GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>The one CSV file Chromium saved in <paramref name="folder"/>, once it has finished writing it.</summary>
    private static async Task<string> DownloadedAsync(DirectoryInfo folder, TimeSpan patience)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < patience)
        {
            if (folder.GetFiles("*.csv") is [var file])
            {
                return await File.ReadAllTextAsync(file.FullName);
            }

            await Task.Delay(100);
        }

        Assert.Fail($"no CSV was downloaded within {patience}: {string.Join(", ", folder.GetFiles().Select(f => f.Name))}");
        return string.Empty;
    }

    /// <summary>The CSV's header is the rows' field names in the API's order, and each line the row's values.</summary>
    private static void AssertCsvHoldsTheRows(JsonElement rows, string csv)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(rows.EnumerateArray());
        var fields = rows.EnumerateArray().First().EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(string.Join(',', fields), lines[0]);
        Assert.Equal(rows.GetArrayLength(), lines.Length - 1);
        foreach (var (row, line) in rows.EnumerateArray().Zip(lines.Skip(1)))
        {
            var cells = line.Split(',');
            Assert.Equal(fields.Length, cells.Length);
            for (var i = 0; i < fields.Length; i++)
            {
                var value = row.GetProperty(fields[i]);
                if (value.ValueKind == JsonValueKind.Number)
                {
                    Assert.Equal(value.GetDecimal(), decimal.Parse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture));
                }
                else
                {
                    Assert.Equal(value.ValueKind == JsonValueKind.Null ? string.Empty : value.GetString(), cells[i]);
                }
            }
        }
    }
}
