using Azure;
using Serverless.Api.Auth;
using Serverless.Api.Keys;
using Serverless.Api.Telemetry;
using Serverless.Api.Tiers;
using Serverless.OpenAI.Errors;

namespace Serverless.Api.Quotas;

/// <summary>
/// Admission by reservation: before a call, reserves one request and the estimated tokens and spend against every
/// limit that applies to the caller (the key's own, else its tier's; and the tier's limits for the model). All or
/// nothing: a refusal by one counter gives back what the others reserved.
/// </summary>
public sealed class QuotaGate(TierStore tiers, LeasedCounters counters, TimeProvider time, ApiMetrics metrics)
{
    /// <summary>
    /// Admits the request or says which limit refused it; storage trouble refuses it (fail closed). Either way
    /// <c>State</c> carries the key's per-minute counters for the <c>x-ratelimit-*</c> headers, where known.
    /// </summary>
    public async Task<(Admission? Admission, ApiError? Error, RateLimitState? State)> AdmitAsync(
        Caller caller, string model, long tokens, long spendMicros, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var plan = new List<(CounterId Id, long Amount, long Limit)>();
        Tier tier;
        try
        {
            tier = await tiers.GetAsync(caller.Tier, cancellationToken);
        }
        catch (Exception e) when (IsStorageFailure(e, cancellationToken))
        {
            return (null, QuotaErrors.StorageUnavailable, null);
        }

        var limits = Merge(caller.Limits, tier.Limits);
        Plan(plan, caller.KeyId, limits, tokens, spendMicros);
        if (tier.ModelLimits.TryGetValue(model, out var modelLimits))
        {
            Plan(plan, $"{caller.KeyId}|{model}", modelLimits, tokens, spendMicros);
        }

        var reserved = new List<(CounterId, long)>(plan.Count);
        CounterDecision? requests = null, tokensPerMinute = null;
        try
        {
            foreach (var (id, amount, limit) in plan)
            {
                var decision = await counters.AcquireAsync(id, amount, limit, cancellationToken);
                if (id.Subject == caller.KeyId)
                {
                    requests = id.Kind == LimitKind.RequestsPerMinute ? decision : requests;
                    tokensPerMinute = id.Kind == LimitKind.TokensPerMinute ? decision : tokensPerMinute;
                }

                if (!decision.Admitted)
                {
                    await ReleaseAsync(reserved, now);
                    metrics.RateLimitRejected(id.Kind);
                    var retryAfter = id.Kind == LimitKind.Concurrency ? 1 : (int)Math.Ceiling((decision.Resets - now).TotalSeconds);

                    // A 429 carries the same headers as an answer; a counter not reached is reported as this instance knows it.
                    requests ??= Peek(plan, caller.KeyId, LimitKind.RequestsPerMinute);
                    tokensPerMinute ??= Peek(plan, caller.KeyId, LimitKind.TokensPerMinute);
                    return (null, QuotaErrors.Exceeded(id.Kind, decision, Math.Max(1, retryAfter)), new RateLimitState(requests, tokensPerMinute));
                }

                reserved.Add((id, amount));
            }
        }
        catch (Exception e) when (IsStorageFailure(e, cancellationToken))
        {
            await ReleaseAsync(reserved, now);
            return (null, QuotaErrors.StorageUnavailable, null);
        }

        return (new Admission(counters, reserved, now) { Limits = limits }, null, new RateLimitState(requests, tokensPerMinute));
    }

    private CounterDecision? Peek(List<(CounterId Id, long Amount, long Limit)> plan, string subject, LimitKind kind) =>
        plan.FirstOrDefault(p => p.Id.Subject == subject && p.Id.Kind == kind) is { Id.Subject: not null } found
            ? counters.Peek(found.Id, found.Limit)
            : null;

    /// <summary>
    /// Settles a stored <see cref="Reservation"/> to actual usage, like <see cref="Admission.SettleAsync"/>, from any
    /// instance: the counters are corrected through this instance's lease where it holds one for the window, else
    /// directly in the shared counter. The caller makes sure it runs once per reservation.
    /// </summary>
    public async Task SettleAsync(Reservation reservation, bool answered, long tokens, long spendMicros, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        foreach (var part in reservation.Amounts)
        {
            var delta = Admission.Actual(part.Kind, part.Amount, answered, tokens, spendMicros) - part.Amount;
            await counters.AdjustAnywhereAsync(new CounterId(part.Subject, part.Kind), delta, reservation.AdmittedAt, cancellationToken);
        }
    }

    /// <summary>The caller's limits: its key's own where it has them, its tier's elsewhere.</summary>
    public async Task<KeyLimits> LimitsAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var tier = await tiers.GetAsync(caller.Tier, cancellationToken);
        return Merge(caller.Limits, tier.Limits);
    }

    /// <summary>The key's own limits where it has them, its tier's elsewhere.</summary>
    internal static KeyLimits Merge(KeyLimits? key, KeyLimits tier) => key is null ? tier : new KeyLimits(
        key.Rpm ?? tier.Rpm,
        key.Tpm ?? tier.Tpm,
        key.Rpd ?? tier.Rpd,
        key.Tpd ?? tier.Tpd,
        key.MaxConcurrency ?? tier.MaxConcurrency,
        key.Budget ?? tier.Budget,
        key.MaxJobs ?? tier.MaxJobs,
        key.Priority ?? tier.Priority,
        key.ResponseCache ?? tier.ResponseCache);

    private static void Plan(List<(CounterId, long, long)> plan, string subject, KeyLimits limits, long tokens, long spendMicros)
    {
        void Add(LimitKind kind, long amount, long? limit)
        {
            if (limit is { } value)
            {
                plan.Add((new CounterId(subject, kind), amount, value));
            }
        }

        Add(LimitKind.RequestsPerMinute, 1, limits.Rpm);
        Add(LimitKind.RequestsPerDay, 1, limits.Rpd);
        Add(LimitKind.TokensPerMinute, tokens, limits.Tpm);
        Add(LimitKind.TokensPerDay, tokens, limits.Tpd);
        Add(LimitKind.BudgetPerDay, spendMicros, limits.Budget is { } budget ? (long)(budget * 1_000_000m) : null);
        Add(LimitKind.Concurrency, 1, limits.MaxConcurrency);
    }

    private async Task ReleaseAsync(List<(CounterId Id, long Amount)> reserved, DateTimeOffset admittedAt)
    {
        foreach (var (id, amount) in reserved)
        {
            await counters.AdjustAsync(id, -amount, admittedAt, CancellationToken.None);
        }
    }

    private static bool IsStorageFailure(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && e is RequestFailedException or HttpRequestException or AggregateException or TimeoutException;
}
