using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Serverless.Api.Routing;
using Serverless.Api.Tests.Usage;
using Serverless.Testing;

namespace Serverless.Api.Tests.Routing;

/// <summary>
/// Every route of <see cref="ApiRoutes.All"/>, every method, called through the local host on Azurite by keys of
/// every role and a spread of scopes: who gets past authorization is exactly what this table says, written by
/// hand rather than derived from the route table, so a route that loses a check (or gains one) fails here.
/// </summary>
public sealed class RouteAccessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Admin = "admin";
    private const string AdminUsageOnly = "admin-usage-only";
    private const string User = "user";
    private const string UserChat = "user-chat";
    private const string UserJobs = "user-jobs";
    private const string UserJobsChat = "user-jobs-chat";
    private const string Reader = "reader";

    private static readonly string[] Inference = [Admin, User];
    private static readonly string[] Chat = [Admin, User, UserChat, UserJobsChat];
    private static readonly string[] AdminOnly = [Admin];
    private static readonly string[] UsageReaders = [Admin, AdminUsageOnly, User, Reader];
    private static readonly string[] JobReaders = [Admin, User, UserJobs, UserJobsChat];
    private static readonly string[] Everyone = [Admin, AdminUsageOnly, User, UserChat, UserJobs, UserJobsChat, Reader];

    /// <summary>Route name and method to the callers that get past authorization; null: the route authenticates no one (open or its own check).</summary>
    private static readonly Dictionary<string, string[]?> Expected = new()
    {
        ["Me GET"] = Everyone,
        ["ListModels GET"] = Everyone,
        ["GetModel GET"] = Everyone,
        ["Completions POST"] = Inference,
        ["StreamingCompletions POST"] = Inference,
        ["ChatCompletions POST"] = Chat,
        ["Chat POST"] = Chat,
        ["StreamingChat POST"] = Chat,
        ["Embeddings POST"] = Inference,
        ["AdminKeys GET"] = AdminOnly,
        ["AdminKeys POST"] = AdminOnly,
        ["AdminKey GET"] = AdminOnly,
        ["AdminKey PATCH"] = AdminOnly,
        ["AdminKey DELETE"] = AdminOnly,
        ["AdminKeyRotate POST"] = AdminOnly,
        ["AdminKeyWebhookSecretRotate POST"] = AdminOnly,
        ["AdminKeyWebhookSecretPrevious DELETE"] = AdminOnly,
        ["AdminTiers GET"] = AdminOnly,
        ["AdminTier GET"] = AdminOnly,
        ["AdminTier PUT"] = AdminOnly,
        ["Quota GET"] = UsageReaders,
        ["Usage GET"] = UsageReaders,
        ["UsageDaily GET"] = UsageReaders,
        ["AdminPrices GET"] = AdminOnly,
        ["AdminPrice GET"] = AdminOnly,
        ["AdminPrice PUT"] = AdminOnly,
        ["AdminPrice DELETE"] = AdminOnly,
        ["AdminModels GET"] = AdminOnly,
        ["AdminModel GET"] = AdminOnly,
        ["AdminModel PUT"] = AdminOnly,
        ["AdminModel DELETE"] = AdminOnly,
        ["AsyncCompletions POST"] = Inference,
        ["ListJobs GET"] = JobReaders,
        ["AsyncChatCompletions POST"] = [Admin, User, UserJobsChat],
        ["AsyncJob GET"] = JobReaders,
        ["AsyncJob DELETE"] = JobReaders,
        ["AsyncJobCancel POST"] = JobReaders,
        ["Files GET"] = JobReaders,
        ["Files POST"] = JobReaders,
        ["File GET"] = JobReaders,
        ["File DELETE"] = JobReaders,
        ["FileContent GET"] = JobReaders,
        ["Batches GET"] = JobReaders,
        ["Batches POST"] = JobReaders,
        ["Batch GET"] = JobReaders,
        ["BatchCancel POST"] = JobReaders,
        ["OpenApi GET"] = null,
        ["Docs GET"] = null,
        ["DocsAsset GET"] = null,
        ["Console GET"] = null,
        ["ConsoleAsset GET"] = null,
        ["Health GET"] = null,
        ["Ready GET"] = null,
        ["Metrics GET"] = null,
    };

    [Fact]
    public void TheTable_CoversEveryRouteAndMethod_AndNothingElse()
    {
        var served = ApiRoutes.All.Where(r => r.Name != "Unmatched").SelectMany(r => r.Methods.Select(m => $"{r.Name} {m}")).Order().ToArray();

        Assert.Equal(Expected.Keys.Order().ToArray(), served);
        Assert.All(ApiRoutes.All.Where(r => Expected.GetValueOrDefault($"{r.Name} {r.Methods[0]}") is null), r => Assert.Null(r.Access));
    }

    [Fact]
    public async Task EveryRoute_LetsInExactlyTheCallersTheTableNames()
    {
        var admin = "sk-admin-" + Guid.NewGuid().ToString("N");
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Worker:BaseUrl", "http://127.0.0.1:9/")
            .UseSetting("Worker:ApiKey", "route-access-test-worker-key")
            .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
            .UseSetting("Auth:KeyPepper", "route-access-test-pepper")
            .UseSetting("Auth:FailedAttemptsPerMinute", "100000")
            .UseSetting("ADMIN_API_KEY", admin)
            .UseSetting("Usage:SpillPath", Path.Combine(Path.GetTempPath(), "route-access-" + Guid.NewGuid().ToString("N"))));
        using var http = factory.CreateClient();
        var keys = new Dictionary<string, string>
        {
            [Admin] = admin,
            [AdminUsageOnly] = await CreateKeyAsync(http, admin, "admin", ["usage"]),
            [User] = await CreateKeyAsync(http, admin, "user", []),
            [UserChat] = await CreateKeyAsync(http, admin, "user", ["chat"]),
            [UserJobs] = await CreateKeyAsync(http, admin, "user", ["jobs"]),
            [UserJobsChat] = await CreateKeyAsync(http, admin, "user", ["jobs", "chat"]),
            [Reader] = await CreateKeyAsync(http, admin, "reader", []),
        };

        var wrong = new List<string>();
        foreach (var route in ApiRoutes.All.Where(r => r.Access is not null))
        {
            foreach (var method in route.Methods)
            {
                var allowed = Expected[$"{route.Name} {method}"]!;
                foreach (var (caller, key) in keys)
                {
                    using var response = await SendAsync(http, method, route.Template, key);
                    var forbidden = response.StatusCode == HttpStatusCode.Forbidden
                        && (await response.Content.ReadAsStringAsync()).Contains("\"permission_denied\"", StringComparison.Ordinal);
                    if (forbidden == allowed.Contains(caller) || response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        wrong.Add($"{method} /{route.Template} as {caller}: {(int)response.StatusCode}, expected {(allowed.Contains(caller) ? "allowed" : "403")}");
                    }
                }
            }
        }

        Assert.Empty(wrong);
    }

    private static async Task<string> CreateKeyAsync(HttpClient http, string admin, string role, string[] scopes)
    {
        var body = JsonSerializer.Serialize(new { name = $"{role}-{string.Join('-', scopes)}", owner = "route-access", role, scopes });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/admin/keys") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>An empty JSON body and made-up ids: enough to pass or fail authorization, never enough to change anything real.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string template, string key)
    {
        var path = template.Replace("{id}", "none", StringComparison.Ordinal)
            .Replace("{name}", "route-access-none", StringComparison.Ordinal)
            .Replace("{model}", "route-access-none", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request);
    }
}
