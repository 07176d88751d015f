using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Jobs.Queues;

/// <summary>
/// The local host's stand-in for the Functions queue trigger on <c>results</c>: receives messages (decoded from
/// Base64 by the queue client, as the trigger decodes them), hands each to <see cref="JobResultsHandler"/>, and
/// deletes it after. Polls quickly while messages come and backs off to half a second when the queue is idle.
/// Messages that keep failing are dropped after five tries, as the trigger moves them to its poison queue.
/// </summary>
public sealed partial class ResultsQueueListener(
    JobQueueClients queues, JobResultsHandler handler, DurableTaskClient client, IOptions<JobOptions> options, TimeProvider time, ILogger<ResultsQueueListener> logger)
    : BackgroundService
{
    private const int MaxDequeueCount = 5;
    private static readonly TimeSpan MinDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ListenForResults)
        {
            return;
        }

        var delay = MinDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queues.EnsureCreatedAsync();
                // Hidden a little longer than a result may wait for its orchestration to start (Jobs:EventWaitForStart),
                // and no longer: a host that dies holding messages delays them by this much.
                var messages = (await queues.Results.ReceiveMessagesAsync(32, options.Value.EventWaitForStart + TimeSpan.FromSeconds(10), stoppingToken)).Value;
                if (messages.Length == 0)
                {
                    await Task.Delay(delay, time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
                    continue;
                }

                delay = MinDelay;
                // All at once: each is a few storage round trips, and one may wait for its orchestration to start.
                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = messages.Length, CancellationToken = stoppingToken }, async (message, token) =>
                {
                    try
                    {
                        await handler.HandleAsync(message.Body.ToString(), client, token);
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        if (message.DequeueCount < MaxDequeueCount)
                        {
                            LogFailed(e, message.MessageId);
                            return; // visible again after its timeout: tried again
                        }

                        // As the trigger's poison queue would: give up on it (its job ends at its deadline) rather than
                        // retry it forever, and leave the rest of the batch alone.
                        LogDropped(e, message.MessageId, message.DequeueCount);
                    }

                    await queues.Results.DeleteMessageAsync(message.MessageId, message.PopReceipt, token);
                });
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogReceiveFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 7020, Level = LogLevel.Warning, Message = "Results message {MessageId} failed; it will be tried again")]
    private partial void LogFailed(Exception exception, string messageId);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Error, Message = "Results message {MessageId} failed {DequeueCount} times; dropped, its job ends at its deadline")]
    private partial void LogDropped(Exception exception, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Warning, Message = "Reading the results queue failed")]
    private partial void LogReceiveFailed(Exception exception);
}
