using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI.Batch;
using OpenAI.Files;
using Serverless.EndToEnd.Tests.Jobs;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Batches;

/// <summary>
/// The Files and Batch APIs through the official OpenAI .NET SDK, unmodified, against the local stack: upload,
/// create, poll, download; billing at the batch price; line-numbered input errors; another owner's files; cancel.
/// </summary>
#pragma warning disable OPENAI001 // the SDK marks its Batch client experimental
[Collection(LocalStackCollection.Name)]
public sealed class BatchApiTests(LocalStackFixture stack)
{
    private static readonly TimeSpan Ends = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task AThousandLineEmbeddingsBatch_AnswersEveryLine_AndIsBilledOncePerLine_AtHalfPrice()
    {
        var (owner, key) = await NewOwnerAsync("batch-embed");
        var client = stack.CreateOpenAIClient(key: key);
        var lines = Enumerable.Range(0, 1000).Select(i => Line(i, "/v1/embeddings", new { model = "all-minilm-l6-v2", input = $"sentence {i}" })).ToList();

        var batch = await RunAsync(client, "/v1/embeddings", lines);

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal(1000, batch.GetProperty("request_counts").GetProperty("completed").GetInt32());
        var output = await LinesAsync(client, batch.GetProperty("output_file_id").GetString()!);
        Assert.Equal(lines.Select((_, i) => $"line-{i}"), output.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.All(output, l => Assert.Equal(384, l.GetProperty("response").GetProperty("body").GetProperty("data")[0].GetProperty("embedding").GetArrayLength()));

        // Each line billed once, at half the model's price.
        var total = await stack.UsageTotalAsync(owner, requests: 1000);
        var tokens = output.Sum(l => l.GetProperty("response").GetProperty("body").GetProperty("usage").GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(1000, total.GetProperty("requests").GetInt64());
        Assert.Equal(tokens, total.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(await PriceOfAsync("all-minilm-l6-v2", tokens) / 2, total.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public async Task AChatBatch_AnswersItsLines_AndPutsARefusedLineInTheErrorFile()
    {
        var (_, key) = await NewOwnerAsync("batch-chat");
        var client = stack.CreateOpenAIClient(key: key);
        var lines = Enumerable.Range(0, 6)
            .Select(i => Line(i, "/v1/chat/completions", new { model = "gpt2-tiny", messages = new[] { new { role = "user", content = $"Tell me {i}" } }, max_tokens = 3, seed = i }))
            .Append(Line(6, "/v1/chat/completions", new { model = "gpt2-tiny", messages = Array.Empty<object>() }))
            .ToList();

        var batch = await RunAsync(client, "/v1/chat/completions", lines);

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal((7, 6, 1), Counts(batch));
        var output = await LinesAsync(client, batch.GetProperty("output_file_id").GetString()!);
        Assert.All(output, l => Assert.Equal(3, l.GetProperty("response").GetProperty("body").GetProperty("usage").GetProperty("completion_tokens").GetInt32()));
        var error = Assert.Single(await LinesAsync(client, batch.GetProperty("error_file_id").GetString()!));
        Assert.Equal("line-6", error.GetProperty("custom_id").GetString());
        Assert.Equal(400, error.GetProperty("response").GetProperty("status_code").GetInt32());
        Assert.Equal("invalid_request_error", error.GetProperty("response").GetProperty("body").GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ABadInputFile_FailsTheBatch_WithLineNumberedErrors_AndBillsNothing()
    {
        var (owner, key) = await NewOwnerAsync("batch-invalid");
        var client = stack.CreateOpenAIClient(key: key);
        var lines = new List<string>
        {
            Line(0, "/v1/embeddings", new { model = "all-minilm-l6-v2", input = "fine" }),
            "{\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{}}",
            Line(2, "/v1/chat/completions", new { model = "gpt2-tiny" }),
            "not json",
        };

        var batch = await RunAsync(client, "/v1/embeddings", lines);

        Assert.Equal("failed", batch.GetProperty("status").GetString());
        var errors = batch.GetProperty("errors").GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal([2, 3, 4], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(["invalid_custom_id", "invalid_url", "invalid_json_line"], errors.Select(e => e.GetProperty("code").GetString()));
        Assert.Equal(0, (await stack.UsageTotalAsync(owner, requests: 1, TimeSpan.FromSeconds(2))).GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task AnotherOwnersFilesAndBatches_AreNotFound()
    {
        var (_, mine) = await NewOwnerAsync("batch-mine");
        var (_, theirs) = await NewOwnerAsync("batch-theirs");
        var files = stack.CreateOpenAIClient(key: mine).GetOpenAIFileClient();
        OpenAIFile file = await files.UploadFileAsync(BinaryData.FromString(Line(0, "/v1/embeddings", new { model = "all-minilm-l6-v2", input = "x" })), "in.jsonl", FileUploadPurpose.Batch);
        using var other = stack.CreateHttpClient(key: theirs);

        using var get = await other.GetAsync($"v1/files/{file.Id}");
        using var content = await other.GetAsync($"v1/files/{file.Id}/content");
        using var create = await other.PostAsync("v1/batches", Json(new { input_file_id = file.Id, endpoint = "/v1/embeddings", completion_window = "24h" }));
        using var list = await other.GetAsync("v1/files");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.DoesNotContain(file.Id, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("in.jsonl", (await files.GetFileAsync(file.Id)).Value.Filename);
    }

    [Fact]
    public async Task ACancelledBatch_EndsCancelled_ReportingEveryLine_AndBillsOnlyWhatRan()
    {
        var (owner, key) = await NewOwnerAsync("batch-cancel");
        var client = stack.CreateOpenAIClient(key: key);
        var lines = Enumerable.Range(0, 400)
            .Select(i => Line(i, "/v1/completions", new { model = "gpt2-tiny", prompt = $"Count {i}", max_tokens = 40, seed = i }))
            .ToList();
        var created = await CreateAsync(client, "/v1/completions", lines);
        var id = created.GetProperty("id").GetString()!;
        using var http = stack.CreateHttpClient(key: key);

        using var cancel = await http.PostAsync($"v1/batches/{id}/cancel", null);
        var batch = await PollAsync(client, id);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        var (total, completed, failed) = Counts(batch);
        Assert.Equal((400, 400), (total, completed + failed));
        Assert.True(failed > 0, "a cancel right after the create should leave lines unrun");
        var errors = await LinesAsync(client, batch.GetProperty("error_file_id").GetString()!);
        Assert.All(errors, e => Assert.Equal("batch_cancelled", e.GetProperty("error").GetProperty("code").GetString()));
        var usage = await stack.UsageTotalAsync(owner, requests: completed, TimeSpan.FromSeconds(completed == 0 ? 2 : 10));
        Assert.Equal(completed, usage.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task ABatchPastTheKeysDailyTokens_RunsWhatFits_AndReportsTheRestInsufficientQuota()
    {
        var owner = $"batch-tpd-{Guid.NewGuid():N}"[..32];
        var (_, key) = await stack.CreateKeyAsync($$$"""{"name":"batch-tpd","owner":"{{{owner}}}","role":"user","limits":{"rpm":100000,"tpd":120}}""");
        var client = stack.CreateOpenAIClient(key: key);
        var lines = Enumerable.Range(0, 40).Select(i => Line(i, "/v1/embeddings", new { model = "all-minilm-l6-v2", input = $"sentence number {i:D3}" })).ToList();

        var batch = await RunAsync(client, "/v1/embeddings", lines);

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        var (total, completed, failed) = Counts(batch);
        Assert.Equal(40, total);
        Assert.InRange(completed, 1, 39); // what the day's 120 tokens admitted
        Assert.Equal(40 - completed, failed);
        var errors = await LinesAsync(client, batch.GetProperty("error_file_id").GetString()!);
        Assert.All(errors, e => Assert.Equal("insufficient_quota", e.GetProperty("error").GetProperty("code").GetString()));
        var usage = await stack.UsageTotalAsync(owner, requests: completed);
        Assert.Equal(completed, usage.GetProperty("requests").GetInt64());
        Assert.InRange(usage.GetProperty("total_tokens").GetInt64(), 1, 120); // never past the day's limit
    }

    [Fact]
    public async Task AnEndedBatch_CallsItsKeysWebhookOnce_SignedWithTheKeysSecret()
    {
        using var receiver = new WebhookReceiver();
        var owner = $"batch-hook-{Guid.NewGuid():N}"[..32];
        var (_, key, webhookSecret) = await stack.CreateKeyWithWebhookSecretAsync(
            $$$"""{"name":"batch-hook","owner":"{{{owner}}}","role":"user","webhook":"{{{receiver.Url}}}","limits":{"rpm":100000}}""");
        var client = stack.CreateOpenAIClient(key: key);

        var batch = await RunAsync(client, "/v1/embeddings", [Line(0, "/v1/embeddings", new { model = "all-minilm-l6-v2", input = "hook" })]);
        var id = batch.GetProperty("id").GetString()!;
        var call = Assert.Single(await receiver.WaitForCallsAsync(id, 1, Ends));

        Assert.True(WebhookReceiver.IsSignedWith(call, webhookSecret), $"bad signature: {call.Signature}");
        Assert.Equal("msg_" + id, call.Id);
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal(("batch", "completed"), (body.RootElement.GetProperty("object").GetString(), body.RootElement.GetProperty("status").GetString()));
        Assert.Equal(batch.GetProperty("output_file_id").GetString(), body.RootElement.GetProperty("output_file_id").GetString());
    }

    [Fact]
    public async Task ABatchWebhookAnswering500_IsCalledAgain_WithTheSameWebhookId()
    {
        using var receiver = new WebhookReceiver(500);
        var owner = $"batch-hook-retry-{Guid.NewGuid():N}"[..32];
        var (_, key) = await stack.CreateKeyAsync($$$"""{"name":"batch-hook-retry","owner":"{{{owner}}}","role":"user","webhook":"{{{receiver.Url}}}","limits":{"rpm":100000}}""");
        var client = stack.CreateOpenAIClient(key: key);

        var batch = await RunAsync(client, "/v1/embeddings", [Line(0, "/v1/embeddings", new { model = "all-minilm-l6-v2", input = "retry" })]);
        var id = batch.GetProperty("id").GetString()!;
        var calls = await receiver.WaitForCallsAsync(id, 2, Ends);
        await AsyncJobs.WaitForOrchestrationAsync(stack.Storage, id, Ends, AsyncJobs.OrchestrationEnded); // no call can come after this

        Assert.Equal([500, 200], receiver.Calls.Where(c => c.JobId == id).Select(c => c.AnsweredWith));
        Assert.Equal(calls[0].Id, calls[1].Id);
        Assert.Equal(calls[0].Body, calls[1].Body);
    }

    private async Task<(string Owner, string Key)> NewOwnerAsync(string name)
    {
        var owner = $"{name}-{Guid.NewGuid():N}"[..40];
        // Batch lines are admitted against the key's limits like requests: room for a thousand lines a minute.
        var (_, secret) = await stack.CreateKeyAsync($$$"""{"name":"{{{name}}}","owner":"{{{owner}}}","role":"user","limits":{"rpm":100000,"tpm":100000000}}""");
        return (owner, secret);
    }

    private static string Line(int index, string url, object body) =>
        JsonSerializer.Serialize(new { custom_id = $"line-{index}", method = "POST", url, body });

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static (int Total, int Completed, int Failed) Counts(JsonElement batch)
    {
        var counts = batch.GetProperty("request_counts");
        return (counts.GetProperty("total").GetInt32(), counts.GetProperty("completed").GetInt32(), counts.GetProperty("failed").GetInt32());
    }

    private static async Task<JsonElement> RunAsync(global::OpenAI.OpenAIClient client, string endpoint, IReadOnlyList<string> lines) =>
        await PollAsync(client, (await CreateAsync(client, endpoint, lines)).GetProperty("id").GetString()!);

    private static async Task<JsonElement> CreateAsync(global::OpenAI.OpenAIClient client, string endpoint, IReadOnlyList<string> lines)
    {
        OpenAIFile input = await client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(string.Join('\n', lines)), "input.jsonl", FileUploadPurpose.Batch);
        var body = BinaryContent.Create(BinaryData.FromObjectAsJson(new { input_file_id = input.Id, endpoint, completion_window = "24h" }));
        var operation = await client.GetBatchClient().CreateBatchAsync(body, waitUntilCompleted: false);
        using var created = JsonDocument.Parse(operation.GetRawResponse().Content);
        return created.RootElement.Clone();
    }

    private static async Task<JsonElement> PollAsync(global::OpenAI.OpenAIClient client, string id)
    {
        var batches = client.GetBatchClient();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var result = await batches.GetBatchAsync(id, new RequestOptions());
            using var document = JsonDocument.Parse(result.GetRawResponse().Content);
            var status = document.RootElement.GetProperty("status").GetString();
            if (status is "completed" or "failed" or "expired" or "cancelled")
            {
                return document.RootElement.Clone();
            }

            Assert.True(waited.Elapsed < Ends, $"batch {id} is still {status}");
            await Task.Delay(250);
        }
    }

    private static async Task<List<JsonElement>> LinesAsync(global::OpenAI.OpenAIClient client, string fileId)
    {
        var content = await client.GetOpenAIFileClient().DownloadFileAsync(fileId);
        return [.. content.Value.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private async Task<decimal> PriceOfAsync(string model, long promptTokens)
    {
        using var admin = stack.CreateAdminClient();
        using var response = await admin.SendAsync(HttpMethod.Get, $"v1/admin/prices/{model}");
        using var price = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return promptTokens * price.RootElement.GetProperty("input_per_1k").GetDecimal() / 1000m;
    }
}
#pragma warning restore OPENAI001
