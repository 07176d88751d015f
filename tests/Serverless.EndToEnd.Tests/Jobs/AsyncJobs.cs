using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests.Jobs;

/// <summary>What a user of the async job API does: submit, then poll the status URL until the job ends.</summary>
internal static class AsyncJobs
{
    /// <summary>The statuses a job ends in.</summary>
    public static readonly string[] Final = ["succeeded", "failed", "cancelled", "expired"];

    /// <summary>Submits <paramref name="body"/> to <paramref name="path"/>, asserts the 202 and its <c>Location</c>, and returns the job object.</summary>
    public static async Task<JsonElement> SubmitAsync(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        var job = document.RootElement.Clone();
        Assert.Equal(job.GetProperty("status_url").GetString(), response.Headers.Location?.ToString());
        return job;
    }

    /// <summary>Polls the job (at least once, then every 100 ms) until its status is one of <paramref name="statuses"/> (default: any final one); returns it.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient http, string id, TimeSpan timeout, params string[] statuses)
    {
        var wanted = statuses.Length > 0 ? statuses : Final;
        var deadline = Stopwatch.StartNew();
        var last = string.Empty;
        do
        {
            using var response = await http.GetAsync($"v1/async/completions/{id}");
            last = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET job answered {(int)response.StatusCode}: {last}");
            using var document = JsonDocument.Parse(last);
            if (wanted.Contains(document.RootElement.GetProperty("status").GetString()))
            {
                return document.RootElement.Clone();
            }

            await Task.Delay(100);
        }
        while (deadline.Elapsed < timeout);

        throw new Xunit.Sdk.XunitException($"job {id} did not reach {string.Join(" or ", wanted)} within {timeout}; last seen: {last}");
    }

    /// <summary>
    /// Waits for every job in <paramref name="ids"/> to end (all share one <paramref name="timeout"/>) and returns them in
    /// order. When one does not end in time, the failure carries what <paramref name="diagnose"/> tells about it.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> WaitForAllAsync(
        HttpClient http, IEnumerable<string> ids, TimeSpan timeout, Func<string, Task<string>>? diagnose = null)
    {
        var deadline = Stopwatch.StartNew();
        var jobs = new List<JsonElement>();
        foreach (var id in ids)
        {
            try
            {
                jobs.Add(await WaitForAsync(http, id, timeout - deadline.Elapsed));
            }
            catch (Xunit.Sdk.XunitException failure) when (diagnose is not null)
            {
                throw new Xunit.Sdk.XunitException($"{failure.Message}\n{await diagnose(id)}");
            }
        }

        return jobs;
    }

    /// <summary>The local host's task hub (<c>Durable:TaskHubName</c>), whose tables a test reads.</summary>
    public const string TaskHub = "serverlessjobs";

    /// <summary>The statuses an orchestration ends in: from then on nothing calls the job's webhook again.</summary>
    public static readonly string[] OrchestrationEnded = ["Completed", "Failed", "Terminated"];

    /// <summary>
    /// Waits until the job's orchestration is in one of <paramref name="statuses"/>, as the local host's Durable
    /// backend records it (the <c>Instances</c> table of its task hub in Azurite; the job id is the instance id).
    /// </summary>
    public static async Task WaitForOrchestrationAsync(Azurite storage, string id, TimeSpan timeout, params string[] statuses)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var instances = new TableClient(storage.ConnectionString, TaskHub + "Instances");
        var deadline = Stopwatch.StartNew();
        string? status = null;
        do
        {
            var found = await instances.GetEntityIfExistsAsync<TableEntity>(id, string.Empty, ["RuntimeStatus"]);
            status = found.HasValue ? found.Value!.GetString("RuntimeStatus") : null;
            if (statuses.Contains(status))
            {
                return;
            }

            await Task.Delay(100);
        }
        while (deadline.Elapsed < timeout);

        throw new Xunit.Sdk.XunitException($"the orchestration of job {id} was not {string.Join(" or ", statuses)} within {timeout}; last seen: {status ?? "no instance"}");
    }

    /// <summary>The caller's usage totals (requests, total tokens) from <c>/v1/usage</c>.</summary>
    public static async Task<(long Requests, long Tokens)> UsageAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("v1/usage"));
        var total = document.RootElement.GetProperty("total");
        return (total.GetProperty("requests").GetInt64(), total.GetProperty("total_tokens").GetInt64());
    }
}
