using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Serverless.Jobs;
using Serverless.Testing;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// Starts the local stack (Azurite, the worker's job mode, the API host with its Durable backend), submits a number
/// of async completions at once, and prints jobs per second and the submit-to-done latency, where done is the moment
/// the job's webhook reaches a receiver on loopback: the event a user's system acts on.
/// </summary>
internal static class JobBenchmark
{
    private const string Body = """{"model":"gpt2-tiny","prompt":"Once upon a time","max_tokens":8,"temperature":0.7,"seed":1,"webhook":"WEBHOOK"}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var jobs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        await using var storage = await Azurite.StartAsync();
        await using var jobWorker = await ServiceProcess.StartJobWorkerAsync(storage.ConnectionString);

        // The serve-mode worker only answers the API's model look-ups here; the job-mode worker runs every job.
        var secrets = ApiSecrets.New();
        await using var worker = await ServiceProcess.StartWorkerAsync(secrets.WorkerKey);
        await using var api = await ServiceProcess.StartApiAsync(
            worker.BaseUrl, secrets.Environment(storage.ConnectionString), ["--Webhooks:AllowPrivateAddresses", "true", "--Webhooks:AllowHttp", "true", .. Environment.GetEnvironmentVariable("API_ARGS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []]);
        using var admin = new AdminClient(api.BaseUrl, secrets.AdminKey);
        var (_, key) = await admin.CreateKeyAsync("""{"name":"benchmark","owner":"bench","role":"user","limits":{"rpm":1000000,"tpm":1000000000,"rpd":100000000,"tpd":10000000000,"max_concurrency":10000,"max_jobs":1000}}""");

        using var receiver = new WebhookReceiver();
        var body = Body.Replace("WEBHOOK", receiver.Url, StringComparison.Ordinal);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256 };
        using var http = new HttpClient(handler) { BaseAddress = api.BaseUrl, DefaultRequestHeaders = { Authorization = new("Bearer", key) }, Timeout = TimeSpan.FromMinutes(5) };

        // Warm every part first (the Durable hub's queues and partitions, the model, and the JIT: a fresh process
        // compiles some 10,000 methods again, optimised, once they run hot, and a burst of jobs is where they first
        // do; measured cold, that recompiling took most of the job worker's CPU). A long-running API is warm.
        await RunBatchAsync(http, receiver, body, 5, TimeSpan.FromMinutes(3));
        await RunBatchAsync(http, receiver, body, Math.Min(jobs, 100), TimeSpan.FromMinutes(3));
        await Task.Delay(TimeSpan.FromSeconds(3)); // optimised code is compiled in the background
        Console.WriteLine($"job benchmark: {jobs} async completions (gpt2-tiny, max_tokens 8) submitted at once, CPU worker in job mode ({Environment.ProcessorCount} cores), local Durable backend on Azurite");
        var cpu = new (string Name, Func<TimeSpan> Read)[]
        {
            ("Azurite", () => storage.CpuTime), ("API host", () => api.CpuTime), ("job worker", () => jobWorker.CpuTime), ("serve worker", () => worker.CpuTime),
            ("benchmark (client, webhook receiver)", () => Process.GetCurrentProcess().TotalProcessorTime),
        };
        var cpuBefore = cpu.Select(c => c.Read()).ToArray();
        var run = await RunBatchAsync(http, receiver, body, jobs, TimeSpan.FromMinutes(3));
        var cpuUsed = cpu.Select((c, i) => (c.Name, Seconds: (c.Read() - cpuBefore[i]).TotalSeconds)).ToArray();
        static double P(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done {run.Done.Length}/{jobs} in {run.Seconds:F2} s: {run.Done.Length / run.Seconds:F1} jobs/s; submit (202) p50/p95 {P(run.Submit, 50):F0} / {P(run.Submit, 95):F0} ms; " +
            $"submit-to-done p50/p95/max {P(run.Done, 50):F0} / {P(run.Done, 95):F0} / {run.Done.LastOrDefault():F0} ms; submit errors {run.Errors}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU during the run ({run.Seconds * Environment.ProcessorCount:F1} CPU-s available): {string.Join(", ", cpuUsed.Select(c => $"{c.Name} {c.Seconds:F1} s ({c.Seconds * 1000 / jobs:F0} ms/job)"))}"));
        await PrintPhasesAsync(storage.ConnectionString, receiver);

        // One at a time: what a job costs end to end when nothing queues in front of it (event-driven, no 2 s polling).
        var single = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            single.AddRange((await RunBatchAsync(http, receiver, body, 1, TimeSpan.FromMinutes(1))).Done);
        }

        single.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one job at a time ({single.Count} jobs): submit-to-done p50/p95 {P([.. single], 50):F0} / {P([.. single], 95):F0} ms"));
        Console.WriteLine("done = the job's signed webhook call reached the receiver (the job had ended, settled and been billed before it).");
        if (run.Done.Length != jobs || run.Errors != 0)
        {
            var table = new TableClient(storage.ConnectionString, JobEntity.TableName);
            var statuses = new Dictionary<string, int>();
            await foreach (var row in table.QueryAsync<JobEntity>(select: [nameof(JobEntity.Status)]))
            {
                statuses[row.Status] = statuses.GetValueOrDefault(row.Status) + 1;
            }

            Console.Error.WriteLine("jobs by status: " + string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}")));
            Console.Error.WriteLine("API host output (its last lines):\n" + api.Output);
            Console.Error.WriteLine("job worker output (its last lines):\n" + jobWorker.Output);
            return 1;
        }

        return 0;
    }

    private static async Task<BatchResult> RunBatchAsync(HttpClient http, WebhookReceiver receiver, string body, int count, TimeSpan timeout)
    {
        var submitted = new ConcurrentDictionary<string, long>();
        var submitMs = new ConcurrentBag<double>();
        var errors = 0;
        var first = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("v1/async/completions", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            submitMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref errors);
                Console.Error.WriteLine($"submit answered {(int)response.StatusCode}: {text}");
                return;
            }

            using var job = JsonDocument.Parse(text);
            submitted[job.RootElement.GetProperty("id").GetString()!] = started;
        }));

        var deadline = Stopwatch.StartNew();
        while (submitted.Keys.Count(id => receiver.FirstArrival(id) is not null) < submitted.Count && deadline.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        var arrivals = submitted.Select(job => (Job: job, At: receiver.FirstArrival(job.Key))).Where(x => x.At is not null).ToArray();
        var done = arrivals.Select(x => Stopwatch.GetElapsedTime(x.Job.Value, x.At!.Value).TotalMilliseconds).Order().ToArray();
        var last = arrivals.Length == 0 ? Stopwatch.GetTimestamp() : arrivals.Max(x => x.At!.Value);
        return new BatchResult(done, [.. submitMs.Order()], Stopwatch.GetElapsedTime(first, last).TotalSeconds, errors);
    }

    /// <summary>Where each job's time went, from the timestamps in its row and the webhook's arrival.</summary>
    private static async Task PrintPhasesAsync(string connectionString, WebhookReceiver receiver)
    {
        var table = new TableClient(connectionString, JobEntity.TableName);
        var phases = new[] { new List<double>(), new List<double>(), new List<double>() };
        await foreach (var row in table.QueryAsync<JobEntity>(j => j.Status == JobStatus.Succeeded))
        {
            if (row.StartedAt is { } started && row.CompletedAt is { } completed && receiver.FirstArrival(row.RowKey) is { } arrived)
            {
                // The receiver notes Stopwatch timestamps; the row, wall-clock times: bring the arrival onto the wall clock.
                var arrivedUtc = DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(arrived);
                phases[0].Add((started - row.CreatedAt).TotalMilliseconds);
                phases[1].Add((completed - started).TotalMilliseconds);
                phases[2].Add((arrivedUtc - completed).TotalMilliseconds);
            }
        }

        static double P(List<double> values, double p) => values.Count == 0 ? double.NaN : values.Order().ElementAt(Math.Min(values.Count - 1, (int)Math.Ceiling(p / 100 * values.Count) - 1));
        var names = new[] { "accepted -> a worker started it", "started -> settled (run, result event, settle)", "settled -> webhook arrived" };
        for (var i = 0; i < names.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {names[i],-48} p50/p95 {P(phases[i], 50),7:F0} / {P(phases[i], 95),7:F0} ms"));
        }
    }

    private sealed record BatchResult(double[] Done, double[] Submit, double Seconds, int Errors);
}
