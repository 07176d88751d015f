using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Api;

/// <summary>API keys through the real API on Azurite: every way in, and every way of being kept out.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class IdentityTests(LocalStackFixture stack)
{
    private const string ChatBody = """{"model":"gpt2-tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":1}""";

    [Fact]
    public async Task WithoutCredentials_Is401MissingApiKey()
    {
        using var http = stack.CreateHttpClient(key: string.Empty);
        http.DefaultRequestHeaders.Authorization = null;

        using var response = await http.GetAsync("v1/models");

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("missing_api_key", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer sk-short")]
    [InlineData("Bearer sk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer not-a-key-at-all-but-long-enough")]
    public async Task BadKeys_AreAll401WithTheSameAnswer(string authorization)
    {
        using var http = stack.CreateHttpClient(key: string.Empty);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request);

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal("Incorrect API key provided. You can find or create keys with your administrator.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GuessingKeysFromOneAddress_Is429AfterItsBudget_WhileAKeyInUseKeepsWorking()
    {
        await using var api = await ServiceProcess.StartApiAsync(
            stack.Worker.BaseUrl, stack.Secrets.Environment(stack.Storage.ConnectionString), "--Auth:FailedAttemptsPerMinute", "5");
        using var http = new HttpClient { BaseAddress = api.BaseUrl };
        using var warm = await GetModelsAsync(http, stack.UserKey);
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 8; i++)
        {
            var guess = "sk-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var response = await GetModelsAsync(http, guess);
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        using var known = await GetModelsAsync(http, stack.UserKey);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
        var error = await ErrorAssertions.AssertOpenAIErrorAsync(refused!, HttpStatusCode.TooManyRequests);
        Assert.Equal("too_many_failed_authentications", error.GetProperty("code").GetString());
        Assert.NotNull(refused!.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    private static Task<HttpResponseMessage> GetModelsAsync(HttpClient http, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request);
    }

    [Fact]
    public async Task AzureStyleApiKeyHeader_IsAccepted()
    {
        using var http = stack.CreateHttpClient(key: string.Empty);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Add("api-key", stack.UserKey);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreatedKey_ShowsItsSecretOnce_ThenOnlyItsLastFour()
    {
        using var admin = stack.CreateAdminClient();
        var (id, secret) = await stack.CreateKeyAsync("""{"name":"once","owner":"tenant-a"}""");

        using var read = await admin.SendAsync(HttpMethod.Get, $"v1/admin/keys/{id}");
        using var list = await admin.SendAsync(HttpMethod.Get, "v1/admin/keys?owner=tenant-a");
        var readBody = await read.Content.ReadAsStringAsync();
        var listBody = await list.Content.ReadAsStringAsync();

        Assert.Matches("^sk-[A-Za-z0-9_-]{43}$", secret);
        Assert.DoesNotContain(secret, readBody, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listBody, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(readBody);
        Assert.Equal(secret[^4..], document.RootElement.GetProperty("last_four").GetString());
        Assert.Equal("active", document.RootElement.GetProperty("status").GetString());
        Assert.Contains(id, listBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedKey_StopsWorkingAtOnce()
    {
        var (id, secret) = await stack.CreateKeyAsync("""{"name":"revoke-me","owner":"tenant-b"}""");
        using var http = stack.CreateHttpClient(key: secret);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("v1/models")).StatusCode);

        using var admin = stack.CreateAdminClient();
        using var revoked = await admin.SendAsync(HttpMethod.Delete, $"v1/admin/keys/{id}");
        using var after = await http.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains("\"status\":\"revoked\"", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ErrorAssertions.AssertOpenAIErrorAsync(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ExpiredTemporaryKey_Is401()
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"temporary","owner":"tenant-c","expires_in":1}""");
        using var http = stack.CreateHttpClient(key: secret);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var response = await http.GetAsync("v1/models");

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Rotation_IssuesANewSecret_AndTheOldOneWorksOnlyForTheGracePeriod()
    {
        var (id, oldSecret) = await stack.CreateKeyAsync("""{"name":"rotating","owner":"tenant-d"}""");
        using var admin = stack.CreateAdminClient();

        using var graceful = await admin.SendAsync(HttpMethod.Post, $"v1/admin/keys/{id}/rotate", """{"grace_period_seconds":3600}""");
        var newSecret = JsonDocument.Parse(await graceful.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        stack.RememberSecret(newSecret);
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(HttpStatusCode.OK, (await stack.CreateHttpClient(key: oldSecret).GetAsync("v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stack.CreateHttpClient(key: newSecret).GetAsync("v1/models")).StatusCode);

        using var abrupt = await admin.SendAsync(HttpMethod.Post, $"v1/admin/keys/{id}/rotate", """{"grace_period_seconds":0}""");
        var newest = JsonDocument.Parse(await abrupt.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        stack.RememberSecret(newest);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stack.CreateHttpClient(key: newSecret).GetAsync("v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stack.CreateHttpClient(key: newest).GetAsync("v1/models")).StatusCode);
    }

    [Theory]
    [InlineData("""["10.0.0.0/8"]""", HttpStatusCode.Forbidden)]
    [InlineData("""["2001:db8::/32"]""", HttpStatusCode.Forbidden)]
    [InlineData("""["127.0.0.1"]""", HttpStatusCode.OK)]
    [InlineData("""["10.0.0.0/8", "127.0.0.0/8"]""", HttpStatusCode.OK)]
    public async Task IpAllowlist_AdmitsOnlyListedNetworks(string allowlist, HttpStatusCode expected)
    {
        var (_, secret) = await stack.CreateKeyAsync($$"""{"name":"ip","owner":"tenant-e","ip_allowlist":{{allowlist}}}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var response = await http.GetAsync("v1/models");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            var error = await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.Forbidden);
            Assert.Equal("ip_not_allowed", error.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task ModelOutsideTheKeysList_Is403_AndHiddenFromTheList()
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"embeddings-only-models","owner":"tenant-f","models":["all-minilm-l6-v2"]}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var chat = await http.PostAsync("v1/chat/completions", new StringContent(ChatBody, Encoding.UTF8, "application/json"));
        var models = await http.GetStringAsync("v1/models");
        using var hidden = await http.GetAsync("v1/models/gpt2-tiny");

        var error = await ErrorAssertions.AssertOpenAIErrorAsync(chat, HttpStatusCode.Forbidden, "model");
        Assert.Equal("model_not_allowed", error.GetProperty("code").GetString());
        Assert.DoesNotContain("gpt2-tiny", models, StringComparison.Ordinal);
        Assert.Contains("all-minilm-l6-v2", models, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task ReaderRole_ListsModelsButCannotGenerate()
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"reader","owner":"tenant-g","role":"reader"}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var models = await http.GetAsync("v1/models");
        using var chat = await http.PostAsync("v1/chat/completions", new StringContent(ChatBody, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        var error = await ErrorAssertions.AssertOpenAIErrorAsync(chat, HttpStatusCode.Forbidden);
        Assert.Equal("permission_denied", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UserRole_CannotUseTheAdminApi()
    {
        using var http = stack.CreateHttpClient();

        using var response = await http.GetAsync("v1/admin/keys");

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Scopes_NarrowWhatTheRoleAllows()
    {
        var (_, secret) = await stack.CreateKeyAsync("""{"name":"scoped","owner":"tenant-h","scopes":["embeddings"]}""");
        using var http = stack.CreateHttpClient(key: secret);

        using var chat = await http.PostAsync("v1/chat/completions", new StringContent(ChatBody, Encoding.UTF8, "application/json"));
        using var embeddings = await http.PostAsync("v1/embeddings", new StringContent("""{"model":"all-minilm-l6-v2","input":"x"}""", Encoding.UTF8, "application/json"));

        await ErrorAssertions.AssertOpenAIErrorAsync(chat, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, embeddings.StatusCode);
    }

    [Theory]
    [InlineData("""{"owner":"t"}""", "name")]
    [InlineData("""{"name":"n"}""", "owner")]
    [InlineData("""{"name":"n","owner":"t","role":"god"}""", "role")]
    [InlineData("""{"name":"n","owner":"t","scopes":["everything"]}""", "scopes")]
    [InlineData("""{"name":"n","owner":"t","ip_allowlist":["10.0.0.300"]}""", "ip_allowlist")]
    [InlineData("""{"name":"n","owner":"t","limits":{"rpm":0}}""", "limits.rpm")]
    [InlineData("""{"name":"n","owner":"t","limits":{"tpm":-5}}""", "limits.tpm")]
    [InlineData("""{"name":"n","owner":"t","limits":{"rpd":1000000000000000}}""", "limits.rpd")]
    [InlineData("""{"name":"n","owner":"t","limits":{"rpm":"many"}}""", "limits.rpm")]
    [InlineData("""{"name":"n","owner":"t","expires_at":1}""", "expires_at")]
    public async Task AdminCreate_WithBadFields_Is400NamingTheField(string body, string param)
    {
        using var admin = stack.CreateAdminClient();

        using var response = await admin.SendAsync(HttpMethod.Post, "v1/admin/keys", body);

        await ErrorAssertions.AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, param);
    }

    [Fact]
    public async Task AdminPatch_ChangesTheKey_AndUnknownIdsAre404()
    {
        var (id, _) = await stack.CreateKeyAsync("""{"name":"before","owner":"tenant-i"}""");
        using var admin = stack.CreateAdminClient();

        using var patched = await admin.SendAsync(HttpMethod.Patch, $"v1/admin/keys/{id}", """{"name":"after","limits":{"rpm":5},"role":"reader"}""");
        using var missing = await admin.SendAsync(HttpMethod.Get, "v1/admin/keys/key_doesnotexist");

        var body = await patched.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Contains("\"name\":\"after\"", body, StringComparison.Ordinal);
        Assert.Contains("\"rpm\":5", body, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"reader\"", body, StringComparison.Ordinal);
        await ErrorAssertions.AssertOpenAIErrorAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Logs_NeverContainAnIssuedSecret()
    {
        // Exercise the paths that handle secrets: success, failure, rotation, revocation.
        var (id, secret) = await stack.CreateKeyAsync("""{"name":"log-scan","owner":"tenant-j"}""");
        using (var http = stack.CreateHttpClient(key: secret))
        {
            await http.GetAsync("v1/models");
            await http.PostAsync("v1/chat/completions", new StringContent(ChatBody, Encoding.UTF8, "application/json"));
        }

        using var admin = stack.CreateAdminClient();
        var rotated = await (await admin.SendAsync(HttpMethod.Post, $"v1/admin/keys/{id}/rotate")).Content.ReadAsStringAsync();
        stack.RememberSecret(JsonDocument.Parse(rotated).RootElement.GetProperty("key").GetString()!);
        await admin.SendAsync(HttpMethod.Delete, $"v1/admin/keys/{id}");
        using (var http = stack.CreateHttpClient(key: secret))
        {
            await http.GetAsync("v1/models");
        }

        // The metrics token is a secret too: scrape with it so its path is covered. Its request log line is the
        // last the API writes here: once it is out, every line before it is too (one console logger, in order).
        var scrapeId = "req_" + Guid.NewGuid().ToString("N");
        using (var scraper = stack.CreateHttpClient(key: stack.Secrets.MetricsToken))
        {
            scraper.DefaultRequestHeaders.Add("x-request-id", scrapeId);
            await scraper.GetAsync("metrics");
        }

        await stack.Api.WaitForOutputAsync($"\"request_id\":\"{scrapeId}\"", TimeSpan.FromSeconds(30));
        var logs = stack.Api.Output + stack.Worker.Output + stack.JobWorker.Output;
        Assert.NotEmpty(logs);

        // The scan covers the request log: its JSON lines for this key's requests (by key id) are in what was scanned.
        var requestLog = logs.Split('\n').Where(l => l.StartsWith("{\"request_id\":", StringComparison.Ordinal)).ToArray();
        Assert.Contains(requestLog, l => l.Contains($"\"user_id\":\"{id}\"", StringComparison.Ordinal) && l.Contains("\"endpoint\":\"/v1/chat/completions\"", StringComparison.Ordinal));
        Assert.Contains(requestLog, l => l.Contains("\"endpoint\":\"/metrics\"", StringComparison.Ordinal));
        foreach (var issued in stack.IssuedSecrets)
        {
            Assert.DoesNotContain(issued, logs, StringComparison.Ordinal);
        }
    }
}
