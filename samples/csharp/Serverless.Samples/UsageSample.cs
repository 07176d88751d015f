using Serverless.Client;
using Serverless.Client.Usage;

namespace Serverless.Samples;

/// <summary>The caller's usage and cost (<c>GET /v1/usage</c>) and what is left of its limits (<c>GET /v1/quota</c>), with Serverless.Client.</summary>
internal static class UsageSample
{
    public static async Task RunAsync(ServerlessClient client)
    {
        // Per UTC day and model, the last 30 days by default (start, end and groupBy narrow it).
        UsageReport usage = await client.GetUsageAsync();
        foreach (UsageRow row in usage.Data)
        {
            Console.WriteLine($"{row.Day:yyyy-MM-dd} {row.Model}: {row.Requests} requests, {row.TotalTokens} tokens, cost {row.Cost}");
        }

        Console.WriteLine($"total: {usage.Total.Requests} requests, {usage.Total.TotalTokens} tokens, cost {usage.Total.Cost}");

        // Each limit of the key (rpm, tpm, rpd, tpd, budget, jobs, ...) with its use in the current window.
        QuotaReport quota = await client.GetQuotaAsync();
        foreach (QuotaLine line in quota.Usage)
        {
            Console.WriteLine($"{line.Limit}: {line.Used} of {line.Value} used, {line.Remaining} left");
        }
    }
}
