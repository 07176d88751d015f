using System.Text.Json;
using Serverless.Api.Routing;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>
/// The interactive docs at <c>/docs</c> as a user meets them, in headless Chromium on the local stack: the page
/// loads under its Content-Security-Policy with nothing in the console, lists every route and schema of the OpenAPI
/// document, and a key pasted under Authorize makes "Try it out" on <c>GET /v1/models</c> answer 200.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class DocsPageBrowserTests(LocalStackFixture stack)
{
    /// <summary>Waits for what <c>find</c> returns, up to 30 s; defined in every script below.</summary>
    private const string Until = """
        const until = async (find, what) => {
          for (let i = 0; i < 300; i++) {
            const found = find();
            if (found) return found;
            await new Promise(r => setTimeout(r, 100));
          }
          throw new Error('the page never showed ' + what + '; it shows: ' + document.body.innerText.slice(0, 1500));
        };
        const bearerKey = () => [...document.querySelectorAll('.modal-ux .auth-container')].find(c => c.textContent.includes('bearerKey'));
        """;

    private const string ReadListing = "(async () => {" + Until + """
          await until(() => document.querySelectorAll('.opblock').length > 0, 'its operations');
          const schemaTitles = () => [...document.querySelectorAll('.models article[data-json-schema-level="0"] > .json-schema-2020-12-head .json-schema-2020-12__title')];
          await until(() => schemaTitles().length > 0, 'its schemas');
          const blocks = [...document.querySelectorAll('.opblock')].filter(b => !b.closest('.webhooks'));
          return {
            operations: blocks.map(b => b.querySelector('.opblock-summary-method').textContent.trim() + ' ' + b.querySelector('[data-path]').getAttribute('data-path')),
            schemas: schemaTitles().map(e => e.textContent.trim()),
            webhooks: document.querySelector('.webhooks')?.textContent ?? '',
          };
        })()
        """;

    private const string FocusKeyField = "(async () => {" + Until + """
          (await until(() => document.querySelector('.auth-wrapper .authorize'), 'the Authorize button')).click();
          const input = (await until(bearerKey, 'the bearerKey scheme')).querySelector('input');
          input.focus();
          return document.activeElement === input;
        })()
        """;

    private const string AuthorizeAndTryListModels = "(async () => {" + Until + """
          const scheme = bearerKey();
          (scheme.querySelector('button[type=submit]') ?? scheme.closest('form').querySelector('button[type=submit]')).click();
          await until(() => bearerKey()?.querySelector('code'), 'the key accepted');
          document.querySelector('.modal-ux .btn-done').click();
          await until(() => !document.querySelector('.modal-ux'), 'the dialog closed');
          const block = await until(() => document.getElementById('operations-Models-getListModels'), 'GET /v1/models');
          block.querySelector('.opblock-summary-control').click();
          (await until(() => block.querySelector('.try-out__btn'), 'Try it out')).click();
          (await until(() => block.querySelector('.execute'), 'Execute')).click();
          const status = await until(() => block.querySelector('.live-responses-table tr.response .response-col_status'), 'the answer');
          const curl = block.querySelector('.curl-command');
          const answer = {
            status: status.textContent.trim(),
            body: block.querySelector('.live-responses-table tr.response .response-col_description')?.textContent ?? '',
            curl: curl?.textContent ?? '',
          };
          curl?.style.setProperty('filter', 'blur(6px)'); // the screenshot is kept with the test results: not the key
          block.scrollIntoView();
          return answer;
        })()
        """;

    [Fact]
    public async Task TheDocsPage_LoadsWithNoConsoleErrors_ListsEveryRoute_AndAPastedKeyTriesListModelsWith200()
    {
        await using var page = await ChromiumPage.OpenAsync();

        await page.NavigateAsync(new Uri(stack.Api.BaseUrl, "docs"));
        var listing = await page.EvaluateAsync(ReadListing);
        Assert.True(await page.EvaluateAsync(FocusKeyField) is { ValueKind: JsonValueKind.True }, "the key field of the Authorize dialog did not take the focus");
        await page.InsertTextAsync(stack.UserKey);
        var tried = await page.EvaluateAsync(AuthorizeAndTryListModels);
        await page.TryScreenshotAsync(Path.Combine(RepositoryPaths.Root, ".artifacts", "docs-page.png"));

        var routes = ApiRoutes.All.Where(r => r.Template != ApiRoutes.Unmatched).SelectMany(r => r.Methods.Select(m => $"{m} /{r.Template}"));
        Assert.Equal(routes.Order(StringComparer.Ordinal), Strings(listing, "operations").Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string> { "ChatCompletionRequest", "ChatCompletion", "ErrorBody", "JobObject", "ModelList" }, Strings(listing, "schemas").ToHashSet());
        Assert.Contains("asyncJobEnded", listing.GetProperty("webhooks").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("200", tried.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Contains($"\"id\": \"{LocalStackFixture.ChatModel}\"", tried.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.True(tried.GetProperty("curl").GetString()!.Contains($"Authorization: Bearer {stack.UserKey}", StringComparison.Ordinal), "the call did not carry the pasted key");
        Assert.True(page.Errors.Count == 0, "the page reported errors:\n" + string.Join('\n', page.Errors));
    }

    private static IEnumerable<string> Strings(JsonElement listing, string name) =>
        listing.GetProperty(name).EnumerateArray().Select(e => e.GetString()!);
}
