using Microsoft.DurableTask;

namespace Serverless.Api.Webhooks;

/// <summary>
/// Calls 2, 3, … of a webhook whose first call failed, from an orchestration (a job's, a batch's): exponential
/// backoff from <paramref name="FirstRetry"/> up to <paramref name="MaxDelay"/>, for <paramref name="RetryFor"/>.
/// </summary>
/// <param name="FirstRetry">The wait before the first retry.</param>
/// <param name="MaxDelay">The longest wait between calls.</param>
/// <param name="RetryFor">How long calls are retried after the first.</param>
public sealed record WebhookRetries(TimeSpan FirstRetry, TimeSpan MaxDelay, TimeSpan RetryFor)
{
    /// <summary>The retries <paramref name="options"/> configure.</summary>
    public static WebhookRetries Of(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new WebhookRetries(options.FirstRetryDelay, options.MaxRetryDelay, options.RetryFor);
    }

    /// <summary>
    /// Waits, then makes call number 2, 3, … through <paramref name="call"/> (an activity: true when the receiver
    /// answered 2xx) until one succeeds or the retry time is up. Deterministic: time and randomness from the context.
    /// </summary>
    public async Task RunAsync(TaskOrchestrationContext context, Func<int, Task<bool>> call)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(call);
        var giveUpAt = context.CurrentUtcDateTime + RetryFor;
        for (var failed = 1; ; failed++)
        {
            // Exponential backoff with "equal jitter": half the delay fixed, half random, so receivers that fail
            // together are not called again all at once. The randomness must replay the same: it comes from the context.
            var exponential = Math.Min(MaxDelay.TotalMilliseconds, FirstRetry.TotalMilliseconds * Math.Pow(2, failed - 1));
            var jitter = context.NewGuid().ToByteArray()[0] / 255.0;
            var delay = TimeSpan.FromMilliseconds(exponential * (0.5 + (0.5 * jitter)));
            if (context.CurrentUtcDateTime + delay > giveUpAt)
            {
                return;
            }

            await context.CreateTimer(delay, CancellationToken.None);
            if (await call(failed + 1))
            {
                return;
            }
        }
    }
}
