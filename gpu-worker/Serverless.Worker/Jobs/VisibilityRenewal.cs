using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Serverless.Worker.Jobs;

/// <summary>
/// Keeps a message hidden while its job runs, renewing at a third of the visibility timeout, so a long generation
/// is not handed to a second worker while a crashed one's message reappears soon.
/// </summary>
internal sealed partial class VisibilityRenewal : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public VisibilityRenewal(QueueClient queue, QueueMessage message, TimeSpan visibility, TimeProvider time, ILogger logger)
    {
        PopReceipt = message.PopReceipt;
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(visibility / 3, time, stop.Token);
                    var receipt = await queue.UpdateMessageAsync(message.MessageId, PopReceipt, visibilityTimeout: visibility, cancellationToken: stop.Token);
                    PopReceipt = receipt.Value.PopReceipt;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e)
                {
                    LogRenewFailed(logger, e, message.MessageId);
                }
            }
        });
    }

    /// <summary>The message's current pop receipt (each renewal changes it; the delete needs the latest).</summary>
    public string PopReceipt { get; private set; }

    /// <summary>Stops renewing and waits for a renewal in flight, so <see cref="PopReceipt"/> is final.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await loop;
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }

    [LoggerMessage(EventId = 7110, Level = LogLevel.Warning, Message = "Renewing work message {MessageId} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string messageId);
}
