using System.Text.Json;

namespace Serverless.Gateway.Benchmarks;

/// <summary>What <c>GET /v1/usage</c> says the measured run's owner used: the <c>total</c> of its answer.</summary>
internal sealed record UsageTotals(long Requests, long PromptTokens, long CompletionTokens, long Cached = 0)
{
    /// <summary>What is reported when the usage API did not answer: no count can match.</summary>
    public static UsageTotals Unread { get; } = new(-1, -1, -1);

    /// <summary>
    /// Reads the run key's usage once records have had time to be written (the API flushes every second), again
    /// each second for up to ten while it differs from <paramref name="expectedRequests"/>, and returns the last
    /// read; <see cref="Unread"/>, said why, when the usage API fails (it may have a backlog to write first).
    /// </summary>
    public static async Task<UsageTotals> ReadSettledAsync(MeteredStack stack, long expectedRequests)
    {
        using var http = stack.Client(stack.RunKey, 1, TimeSpan.FromMinutes(2));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var totals = await ReadAsync(http);
            for (var i = 0; i < 10 && totals.Requests != expectedRequests; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                totals = await ReadAsync(http);
            }

            return totals;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"usage API failed: {e.Message}");
            return Unread;
        }
    }

    /// <summary>
    /// What <c>owner=*</c> (every owner summed, in rollup rows of its own) says, and the sum of what the warm-up's and
    /// the run's owners say: the two must agree, since no other owner used the stack.
    /// </summary>
    public static async Task<(UsageTotals EveryOwner, UsageTotals OwnersSummed)> ReadEveryOwnerAsync(MeteredStack stack)
    {
        using var http = stack.AdminClient();
        try
        {
            var everyOwner = await ReadAsync(http, "*");
            var (warmUp, run) = (await ReadAsync(http, "bench-warm-up"), await ReadAsync(http, "bench-run"));
            return (everyOwner, new UsageTotals(
                warmUp.Requests + run.Requests, warmUp.PromptTokens + run.PromptTokens, warmUp.CompletionTokens + run.CompletionTokens, warmUp.Cached + run.Cached));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"usage API failed: {e.Message}");
            return (Unread, new UsageTotals(0, 0, 0));
        }
    }

    /// <summary>The totals as a sentence, or that they could not be read.</summary>
    public override string ToString() => this == Unread
        ? "not read"
        : $"{Requests} requests ({Cached} from the response cache), {PromptTokens} prompt and {CompletionTokens} completion tokens";

    private static async Task<UsageTotals> ReadAsync(HttpClient http, string? owner = null)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(owner is null ? "v1/usage" : $"v1/usage?owner={Uri.EscapeDataString(owner)}"));
        var total = document.RootElement.GetProperty("total");
        return new UsageTotals(
            total.GetProperty("requests").GetInt64(), total.GetProperty("prompt_tokens").GetInt64(), total.GetProperty("completion_tokens").GetInt64(),
            total.TryGetProperty("cached", out var cached) ? cached.GetInt64() : 0);
    }
}
