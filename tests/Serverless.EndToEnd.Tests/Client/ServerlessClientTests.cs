using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using Serverless.Client;
using Serverless.Client.Errors;
using Serverless.Client.Jobs;
using Serverless.Client.Webhooks;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Client;

/// <summary>
/// The .NET client library against the local stack, as a user's application runs it: a job with a webhook waited for
/// and its call verified with the key's secret, a rate limit surfaced as the typed error, and a wait that backs off.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class ServerlessClientTests(LocalStackFixture stack)
{
    private static readonly TimeSpan Done = TimeSpan.FromSeconds(90);

    // Four choices of up to 1,000 tokens: seconds of work on a CPU worker, longer than the wait below.
    /// <summary>16,000 tokens: some 7 s on an idle CPU worker, so it outlives the 3 s wait even when the worker is quick.</summary>
    private static JsonObject LongJob => new() { ["model"] = LocalStackFixture.ChatModel, ["prompt"] = "Once upon a time", ["max_tokens"] = 1000, ["n"] = 16, ["temperature"] = 1, ["seed"] = 3 };

    private Uri Endpoint => new(stack.Api.BaseUrl, "v1");

    [Fact]
    public async Task ChatJobWithAWebhook_IsWaitedForUntilItSucceedsWithUsage_AndItsWebhookVerifiesWithTheKeysSecret()
    {
        using var receiver = new WebhookReceiver();
        var (keyId, key, webhookSecret) = await stack.CreateKeyWithWebhookSecretAsync("""{"name":"client-jobs","owner":"client-jobs"}""");
        using var client = new ServerlessClient(Endpoint, key);

        // Built with the OpenAI SDK's own types, as the synchronous call would be.
        var submitted = await client.SubmitChatCompletionAsync(
            LocalStackFixture.ChatModel,
            [new UserChatMessage("Hello")],
            new ChatCompletionOptions { MaxOutputTokenCount = 8, Temperature = 0 },
            new AsyncJobOptions(new Uri(receiver.Url), TimeSpan.FromMinutes(5)));
        var job = await client.WaitForCompletionAsync(submitted.Id, Done);
        var call = Assert.Single(await receiver.WaitForCallsAsync(job.Id, 1, Done));
        var verifier = new WebhookVerifier(webhookSecret);
        var verified = verifier.Verify(call.Body, call.Id, call.Timestamp, call.Signature);
        var again = verifier.Verify(call.Body, call.Id, call.Timestamp, call.Signature);
        var byAnotherTenant = new WebhookVerifier(stack.UserWebhookSecret).Verify(call.Body, call.Id, call.Timestamp, call.Signature);
        var tampered = new WebhookVerifier(webhookSecret).Verify(call.Body.Replace("succeeded", "failed", StringComparison.Ordinal), call.Id, call.Timestamp, call.Signature);
        var listed = await client.ListJobsAsync(limit: 5);
        var succeededOnly = await client.ListJobsAsync(limit: 5, after: null, status: AsyncJobStatus.Succeeded);
        var cancelledOnly = await client.ListJobsAsync(limit: 5, after: null, status: AsyncJobStatus.Cancelled);
        var quota = await client.GetQuotaAsync();

        Assert.Equal(AsyncJobStatus.Queued, submitted.Status);
        Assert.Equal(AsyncJobStatus.Succeeded, job.Status);
        Assert.Contains(succeededOnly.Data, j => j.Id == job.Id);
        Assert.All(succeededOnly.Data, j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));
        Assert.DoesNotContain(cancelledOnly.Data, j => j.Id == job.Id);
        Assert.Equal("/v1/chat/completions", job.Endpoint);
        Assert.NotNull(job.Usage);
        Assert.InRange(job.Usage.CompletionTokens, 1, 8);
        Assert.Equal(job.Usage.PromptTokens + job.Usage.CompletionTokens, job.Usage.TotalTokens);
        var completion = job.GetChatCompletion();
        Assert.NotNull(completion);
        Assert.Equal(job.Usage.CompletionTokens, completion.Usage.OutputTokenCount);
        Assert.False(string.IsNullOrEmpty(Assert.Single(completion.Content).Text));
        Assert.Equal(WebhookVerificationResult.Valid, verified);
        Assert.Equal(WebhookVerificationResult.Replayed, again);
        Assert.Equal(WebhookVerificationResult.InvalidSignature, byAnotherTenant);
        Assert.Equal(WebhookVerificationResult.InvalidSignature, tampered);
        var delivered = AsyncJob.Parse(call.Body);
        Assert.Equal(job.Id, delivered.Id);
        Assert.Equal(AsyncJobStatus.Succeeded, delivered.Status);
        Assert.Equal(job.Usage, delivered.Usage);
        Assert.Equal(job.Id, Assert.Single(listed.Data).Id);
        Assert.False(listed.HasMore);
        Assert.Equal(keyId, quota.KeyId);
        Assert.Contains(quota.Usage, line => line.Limit == "jobs");

        var usage = await client.GetUsageAsync();
        for (var waited = 0; usage.Total.Requests < 1 && waited < 50; waited++)
        {
            await Task.Delay(200); // merged every second
            usage = await client.GetUsageAsync();
        }

        Assert.Equal(1, usage.Total.Requests);
        Assert.Equal(job.Usage.TotalTokens, usage.Total.TotalTokens);
        Assert.Equal(LocalStackFixture.ChatModel, Assert.Single(usage.Data).Model);
        Assert.Equal(1, (await client.GetDailyUsageAsync()).Total.Requests);
    }

    [Fact]
    public async Task SubmitBeyondTheKeysRequestsPerMinute_ThrowsTheTypedRateLimitError_WithRetryAfterAndCurrentUsage()
    {
        await MinuteBoundary.AvoidAsync();
        var (_, key) = await stack.CreateKeyAsync("""{"name":"client-rpm","owner":"client-rpm","limits":{"rpm":1}}""");
        var services = new ServiceCollection().AddLogging();
        services.AddServerlessClient(options =>
        {
            options.Endpoint = Endpoint;
            options.ApiKey = key;
            options.MaxRetryAttempts = 0; // surfaced at once, not waited out
        });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ServerlessClient>();
        var request = new JsonObject { ["model"] = LocalStackFixture.ChatModel, ["prompt"] = "hi", ["max_tokens"] = 1 };

        var admitted = await client.SubmitCompletionAsync(request);
        var refused = await Assert.ThrowsAsync<ServerlessApiException>(() => client.SubmitCompletionAsync(request));

        Assert.Equal(AsyncJobStatus.Queued, admitted.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limit_exceeded", refused.Code);
        Assert.Equal("requests", refused.ErrorType); // OpenAI's type for a per-minute request limit
        Assert.NotNull(refused.RetryAfter);
        Assert.InRange(refused.RetryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal(1, refused.CurrentUsage["requests_limit_per_min"]);
        Assert.Equal(1, refused.CurrentUsage["requests_per_min"]);
        Assert.False(string.IsNullOrEmpty(refused.RequestId));
        Assert.True(refused.IsTransient);
        Assert.Single((await client.ListJobsAsync()).Data); // the refused submit created nothing
    }

    [Fact]
    public async Task WaitingForAJobThatRunsLong_PollsLessAndLessOften_UntilItsTimeout_ThenTheCancelledJobIsWaitedToItsEnd()
    {
        var (_, key) = await stack.CreateKeyAsync("""{"name":"client-wait","owner":"client-wait"}""");
        using var recorder = new PollRecorder();
        using var http = new HttpClient(recorder);
        using var client = new ServerlessClient(http, new ServerlessClientOptions
        {
            Endpoint = Endpoint,
            ApiKey = key,
            PollInitialDelay = TimeSpan.FromMilliseconds(50),
            PollMaxDelay = TimeSpan.FromSeconds(1),
        });

        var job = await client.SubmitCompletionAsync(LongJob);
        var timedOut = await Assert.ThrowsAsync<JobWaitTimeoutException>(() => client.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(3)));
        var polls = recorder.Count;
        var gaps = recorder.Gaps;
        var cancelled = await client.CancelJobAsync(job.Id);
        var ended = await client.WaitForCompletionAsync(job.Id, Done);

        Assert.Contains(timedOut.LastSeen?.Status, new[] { AsyncJobStatus.Queued, AsyncJobStatus.Running });
        // Polling every 50 ms would be 60 polls in 3 s; doubling ceilings (50 ms to 1 s) with full jitter make about 10.
        Assert.InRange(polls, 3, 20);
        Assert.True(gaps.Max() > TimeSpan.FromMilliseconds(300), $"gaps: {string.Join(", ", gaps.Select(g => (int)g.TotalMilliseconds))} ms");
        Assert.Equal(job.Id, cancelled.Id);
        Assert.Equal(AsyncJobStatus.Cancelled, ended.Status);
    }
}
