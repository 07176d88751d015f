using Serverless.Client.Errors;
using Serverless.Client.Jobs;

namespace Serverless.Client;

public sealed partial class ServerlessClient
{
    /// <summary>
    /// Polls the job <paramref name="id"/> until it ends (<c>succeeded</c>, <c>failed</c>, <c>cancelled</c> or
    /// <c>expired</c>) and answers it, with its result and usage. Waits between polls grow exponentially with full
    /// jitter (uniform in zero to a ceiling that starts at <see cref="ServerlessClientOptions.PollInitialDelay"/> and
    /// doubles up to <see cref="ServerlessClientOptions.PollMaxDelay"/>), and are never shorter than a <c>Retry-After</c>
    /// the API sent. A transient failure of a poll (429, 5xx, no connection, a timeout, an open circuit) is waited out like
    /// a poll of a running job.
    /// </summary>
    /// <param name="id">The job id.</param>
    /// <param name="timeout">How long to wait; the last poll is made when it runs out (a poll under way then may finish first: each is bounded by the HTTP timeouts).</param>
    /// <param name="cancellationToken">Stops the wait (the job goes on; cancel it with <see cref="CancelJobAsync"/>).</param>
    /// <exception cref="JobWaitTimeoutException">The job did not end within <paramref name="timeout"/>.</exception>
    /// <exception cref="ServerlessApiException">A poll was refused for good (an unknown job is a 404).</exception>
    public async Task<AsyncJob> WaitForCompletionAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var started = time.GetTimestamp();
        AsyncJob? lastSeen = null;
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                (lastSeen, retryAfter) = await GetJobWithRetryAfterAsync(id, cancellationToken).ConfigureAwait(false);
                if (lastSeen.HasEnded)
                {
                    return lastSeen;
                }
            }
            catch (ServerlessApiException e) when (e.IsTransient)
            {
                retryAfter = e.RetryAfter;
            }
            catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException)
            {
                // No answer, none in time, or an open circuit: waited out like a running job.
            }

            var left = timeout - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw new JobWaitTimeoutException(id, timeout, lastSeen);
            }

            var delay = backoff.Delay(attempt, retryAfter);
            await Task.Delay(delay < left ? delay : left, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
