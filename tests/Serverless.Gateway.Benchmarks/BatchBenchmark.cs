using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Serverless.Testing;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// Starts the local stack (Azurite, the worker's job mode, the API host with its Durable backend) and runs one
/// embeddings batch and one chat batch through the Batch API as a user does (upload, create, poll, download),
/// printing lines per second, the API's storage calls per line and what a batch leaves behind in storage.
/// </summary>
internal static class BatchBenchmark
{
    private static readonly string[] Ended = ["completed", "failed", "expired", "cancelled"];

    public static async Task<int> RunAsync(string[] args)
    {
        var embeddingLines = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var chatLines = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        await using var storage = await Azurite.StartAsync();
        await using var jobWorker = await ServiceProcess.StartJobWorkerAsync(storage.ConnectionString);
        var secrets = ApiSecrets.New();
        await using var worker = await ServiceProcess.StartWorkerAsync(secrets.WorkerKey);
        await using var api = await ServiceProcess.StartApiAsync(worker.BaseUrl, secrets.Environment(storage.ConnectionString));
        using var admin = new AdminClient(api.BaseUrl, secrets.AdminKey);
        var (_, key) = await admin.CreateKeyAsync("""{"name":"benchmark","owner":"bench","role":"user","limits":{"rpm":100000000,"tpm":100000000000,"rpd":100000000,"tpd":100000000000}}""");
        using var http = new HttpClient { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", key) }, Timeout = TimeSpan.FromMinutes(5) };

        Console.WriteLine($"batch benchmark: CPU worker in job mode ({Environment.ProcessorCount} cores), local Durable backend on Azurite");
        await RunAsync(http, api, secrets, "warm-up", "/v1/embeddings", 100, i => new { model = "all-minilm-l6-v2", input = $"warm {i}" });
        var failed = 0;
        failed += await RunAsync(http, api, secrets, "embeddings (all-minilm-l6-v2)", "/v1/embeddings", embeddingLines, i => new { model = "all-minilm-l6-v2", input = $"The sentence number {i} to embed." });
        failed += await RunAsync(http, api, secrets, "chat (gpt2-tiny, max_tokens 16)", "/v1/chat/completions", chatLines, i => new { model = "gpt2-tiny", messages = new[] { new { role = "user", content = $"Say something about {i}." } }, max_tokens = 16, seed = i });
        await PrintLeftAsync(storage.ConnectionString);
        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> RunAsync(HttpClient http, ServiceProcess api, ApiSecrets secrets, string name, string endpoint, int lines, Func<int, object> body)
    {
        var input = string.Join('\n', Enumerable.Range(0, lines).Select(i => JsonSerializer.Serialize(new { custom_id = $"line-{i}", method = "POST", url = endpoint, body = body(i) })));
        var callsBefore = await StorageCallsAsync(api, secrets);
        var started = Stopwatch.GetTimestamp();
        using var form = new MultipartFormDataContent { { new StringContent("batch"), "purpose" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(input));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", "input.jsonl");
        using var uploaded = JsonDocument.Parse(await (await http.PostAsync("v1/files", form)).Content.ReadAsStringAsync());
        var upload = Stopwatch.GetElapsedTime(started);
        var create = new StringContent(JsonSerializer.Serialize(new { input_file_id = uploaded.RootElement.GetProperty("id").GetString(), endpoint, completion_window = "24h" }), Encoding.UTF8, "application/json");
        using var created = JsonDocument.Parse(await (await http.PostAsync("v1/batches", create)).Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetString()!;
        JsonElement batch;
        while (true)
        {
            batch = JsonDocument.Parse(await http.GetStringAsync($"v1/batches/{id}")).RootElement.Clone();
            if (Ended.Contains(batch.GetProperty("status").GetString()))
            {
                break;
            }

            await Task.Delay(200);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var calls = await StorageCallsAsync(api, secrets) - callsBefore;
        var counts = batch.GetProperty("request_counts");
        var completed = counts.GetProperty("completed").GetInt32();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {lines} lines {batch.GetProperty("status").GetString()} ({completed} answered, {counts.GetProperty("failed").GetInt32()} failed) in {seconds:F1} s " +
            $"(upload {upload.TotalSeconds:F1} s): {lines / seconds:F0} lines/s; API table calls {calls:F0} ({calls / lines:F2} per line)"));
        return completed == lines ? 0 : 1;
    }

    private static async Task<double> StorageCallsAsync(ServiceProcess api, ApiSecrets secrets) =>
        (await PrometheusScrape.GetAsync(api.BaseUrl, bearer: secrets.MetricsToken)).Sum("api_storage_calls_total");

    /// <summary>What the batches left in storage: the rows that grow with lines, and those that grow with batches.</summary>
    private static async Task PrintLeftAsync(string connectionString)
    {
        var tables = new TableServiceClient(connectionString);
        var rows = new List<string>();
        foreach (var name in new[] { "jobs", "usagerecords", "usagedaily", "batches", "files", "serverlessjobsHistory", "serverlessjobsInstances" })
        {
            var count = 0;
            await foreach (var _ in tables.GetTableClient(name).QueryAsync<TableEntity>(select: ["PartitionKey"]))
            {
                count++;
            }

            rows.Add($"{name} {count}");
        }

        Console.WriteLine("rows left in storage: " + string.Join(", ", rows));
    }
}
