using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.Usage;
using Serverless.Testing;

namespace Serverless.Api.Tests.Usage;

/// <summary>
/// The usage API of the real host (in process) over a real Azurite, fed through the same <see cref="UsageRecorder"/>
/// the request pipeline records to: what a tenant's dashboard would show.
/// </summary>
public sealed class UsageApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string AdminKey = "sk-admin-usage-api-tests-0123456789";
    private readonly WebApplicationFactory<Program> host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
        .UseSetting("Worker:ApiKey", "worker-key-of-no-worker-0123456789")
        .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
        .UseSetting("Auth:KeyPepper", "usage-api-tests-pepper-0123456789")
        .UseSetting("ADMIN_API_KEY", AdminKey));

    private static long TodayStart => new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).ToUnixTimeSeconds();

    public void Dispose() => host.Dispose();

    private HttpClient Client(string key)
    {
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private async Task<string> NewKeyAsync(string owner)
    {
        using var admin = Client(AdminKey);
        using var created = await admin.PostAsync("v1/admin/keys", new StringContent($$"""{"name":"usage","owner":"{{owner}}"}""", Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("key").GetString()!;
    }

    private void Record(string owner, string id, string model, int prompt, int completion, decimal cost, int status = 200) =>
        host.Services.GetRequiredService<UsageRecorder>().Record(
            new UsageEvent(id, "key_x", owner, model, "/v1/chat/completions", prompt, completion, 20, status, cost, DateTimeOffset.UtcNow));

    [Fact]
    public async Task Usage_ShowsTheCallersRecordedUsage_InTheSeedsShape_AndNobodyElses()
    {
        var key = await NewKeyAsync("tenant-usage-a");
        Record("tenant-usage-a", "req-1", "gpt2-tiny", 100, 200, 0.25m);
        Record("tenant-usage-a", "req-2", "gpt2-tiny", 50, 0, 0.05m);
        Record("tenant-usage-a", "req-3", "all-minilm-l6-v2", 8, 0, 0m);
        Record("tenant-usage-b", "req-4", "gpt2-tiny", 999, 999, 9m);
        using var http = Client(key);

        var json = await http.GetStringAsync("v1/usage"); // the read writes this instance's buffer first

        var today = TodayStart;
        Assert.Equal(
            $$"""{"object":"list","data":[{"timestamp":{{today}},"model":"all-minilm-l6-v2","prompt_tokens":8,"completion_tokens":0,"total_tokens":8,"requests":1,"cost":0,"errors":0,"rate_limited":0,"cached":0},"""
            + $$"""{"timestamp":{{today}},"model":"gpt2-tiny","prompt_tokens":150,"completion_tokens":200,"total_tokens":350,"requests":2,"cost":0.3,"errors":0,"rate_limited":0,"cached":0}],"total":"""
            + """{"prompt_tokens":158,"completion_tokens":200,"total_tokens":358,"requests":3,"cost":0.3,"errors":0,"rate_limited":0,"cached":0}}""",
            json);
    }

    [Fact]
    public async Task UsageByDay_AndDaily_SumEveryModelOfTheDay()
    {
        var key = await NewKeyAsync("tenant-usage-c");
        Record("tenant-usage-c", "req-1", "gpt2-tiny", 1, 2, 0.001m);
        Record("tenant-usage-c", "req-2", "all-minilm-l6-v2", 3, 0, 0.002m);
        using var http = Client(key);

        var byDay = await http.GetStringAsync("v1/usage?group_by=day");
        var daily = await http.GetStringAsync($"v1/usage/daily?group_by=day&date={DateTime.UtcNow:yyyy-MM-dd}");

        var expected = $$"""{"object":"list","data":[{"timestamp":{{TodayStart}},"model":null,"prompt_tokens":4,"completion_tokens":2,"total_tokens":6,"requests":2,"cost":0.003,"errors":0,"rate_limited":0,"cached":0}],"total":"""
            + """{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6,"requests":2,"cost":0.003,"errors":0,"rate_limited":0,"cached":0}}""";
        Assert.Equal(expected, byDay);
        Assert.Equal(expected, daily);
    }

    [Fact]
    public async Task AnAdmin_ReadsEveryOwnerSummed_WithOwnerStar_ErrorsAndRefusalsApart_AUserCannot()
    {
        var key = await NewKeyAsync("tenant-usage-f");
        Record("tenant-usage-f", "req-1", "model-of-every-owner", 10, 20, 0.01m);
        Record("tenant-usage-g", "req-2", "model-of-every-owner", 1, 2, 0.02m);
        Record("tenant-usage-g", "req-3", "model-of-every-owner", 0, 0, 0m, status: 429);
        Record("tenant-usage-f", "req-4", "model-of-every-owner", 0, 0, 0m, status: 503);
        using var user = Client(key);
        using var admin = Client(AdminKey);

        using var denied = await user.GetAsync("v1/usage?owner=*");
        using var everyone = JsonDocument.Parse(await admin.GetStringAsync("v1/usage?owner=*"));
        using var one = JsonDocument.Parse(await admin.GetStringAsync("v1/usage?owner=tenant-usage-g"));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var row = everyone.RootElement.GetProperty("data").EnumerateArray().Single(r => r.GetProperty("model").GetString() == "model-of-every-owner");
        Assert.Equal((33L, 2L, 0.03m, 1L, 1L), Summary(row));
        Assert.Equal((3L, 1L, 0.02m, 0L, 1L), Summary(one.RootElement.GetProperty("data").EnumerateArray().Single()));
    }

    private static (long Tokens, long Requests, decimal Cost, long Errors, long RateLimited) Summary(JsonElement row) => (
        row.GetProperty("total_tokens").GetInt64(), row.GetProperty("requests").GetInt64(), row.GetProperty("cost").GetDecimal(),
        row.GetProperty("errors").GetInt64(), row.GetProperty("rate_limited").GetInt64());

    [Fact]
    public async Task AnAdmin_ReadsAnyOwner_AUserOnlyTheirOwn()
    {
        var key = await NewKeyAsync("tenant-usage-d");
        Record("tenant-usage-e", "req-1", "gpt2-tiny", 5, 5, 0m);
        using var user = Client(key);
        using var admin = Client(AdminKey);

        using var denied = await user.GetAsync("v1/usage?owner=tenant-usage-e");
        var seen = await admin.GetStringAsync("v1/usage?owner=tenant-usage-e");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("\"requests\":1", seen, StringComparison.Ordinal);
    }
}
