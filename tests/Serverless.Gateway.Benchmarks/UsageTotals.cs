using System.Text.Json;

namespace Serverless.Gateway.Benchmarks;

/// <summary>What <c>GET /v1/usage</c> says the caller's owner used: the <c>total</c> of its answer.</summary>
internal sealed record UsageTotals(long Requests, long PromptTokens, long CompletionTokens)
{
    /// <summary>
    /// Reads the caller's usage once records have had time to be written (the API flushes every second), again
    /// each second for up to ten while it differs from <paramref name="expectedRequests"/>, and returns the last read.
    /// </summary>
    public static async Task<UsageTotals> ReadSettledAsync(HttpClient http, long expectedRequests)
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

    private static async Task<UsageTotals> ReadAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("v1/usage"));
        var total = document.RootElement.GetProperty("total");
        return new UsageTotals(total.GetProperty("requests").GetInt64(), total.GetProperty("prompt_tokens").GetInt64(), total.GetProperty("completion_tokens").GetInt64());
    }
}
