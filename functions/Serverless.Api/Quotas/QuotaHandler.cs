using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Jobs;
using Serverless.Api.Routing;
using Serverless.Api.Tiers;
using Serverless.OpenAI.Http;

namespace Serverless.Api.Quotas;

/// <summary><c>GET /v1/quota</c>: the caller's limits (its key's, else its tier's) and what is left of each right now, async jobs included.</summary>
internal sealed class QuotaHandler(TierStore tiers, CounterStore counters, LeasedCounters leases, ActiveJobs jobs, IOptions<JobOptions> jobOptions, TimeProvider time) : IApiHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var tier = await tiers.GetAsync(caller.Tier, context.RequestAborted);
        var limits = QuotaGate.Merge(caller.Limits, tier.Limits);
        var now = time.GetUtcNow();
        var lines = new List<QuotaLine>();
        foreach (var (kind, value) in new (LimitKind, long?)[]
        {
            (LimitKind.RequestsPerMinute, limits.Rpm), (LimitKind.TokensPerMinute, limits.Tpm),
            (LimitKind.RequestsPerDay, limits.Rpd), (LimitKind.TokensPerDay, limits.Tpd),
            (LimitKind.Concurrency, limits.MaxConcurrency),
            (LimitKind.BudgetPerDay, limits.Budget is { } budget ? (long)(budget * 1_000_000m) : null),
        })
        {
            if (value is not { } limit)
            {
                continue;
            }

            var (window, ends) = QuotaWindows.Of(kind, now);
            // The shared counter holds what every instance leased; this instance's unleased remainder was never admitted.
            // Other instances' remainders still count until they give them back idle (Quotas:ReturnIdleLeasesAfter).
            var id = new CounterId(caller.KeyId, kind);
            var used = Math.Max(0, await counters.LeasedAsync(id, window, context.RequestAborted) - leases.UnusedHere(id));
            lines.Add(new QuotaLine(QuotaWindows.Name(kind), limit, used, Math.Max(0, limit - used), kind == LimitKind.Concurrency ? null : ends.ToUnixTimeSeconds()));
        }

        // Async jobs queued or running: always limited (max_jobs, else the deployment's default).
        var maxJobs = limits.MaxJobs ?? jobOptions.Value.DefaultMaxJobs;
        var activeJobs = await jobs.CountAsync(caller.KeyId, context.RequestAborted);
        lines.Add(new QuotaLine("jobs", maxJobs, activeJobs, Math.Max(0, maxJobs - activeJobs), null));

        var view = new QuotaView(caller.KeyId, caller.Owner, caller.Tier, limits, lines);
        await OpenAIResponses.WriteJsonAsync(context.Response, StatusCodes.Status200OK, view, QuotaJsonContext.Default.QuotaView);
    }
}
