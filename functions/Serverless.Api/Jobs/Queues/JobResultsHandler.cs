using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Serverless.Api.Jobs.Orchestration;
using Serverless.Jobs;

namespace Serverless.Api.Jobs.Queues;

/// <summary>
/// Turns one message of the <c>results</c> queue into its job orchestration's result event. Both hosts call it:
/// the Functions app from its queue trigger, the local host from <see cref="ResultsQueueListener"/>. A duplicate
/// message raises a second event that the orchestration, no longer waiting, ignores; so does a message kept because
/// its event could not be confirmed (see <see cref="JobEventRaiser"/>).
/// </summary>
public sealed partial class JobResultsHandler(JobEventRaiser events, ILogger<JobResultsHandler> logger)
{
    /// <summary>Raises the event for <paramref name="message"/> (the decoded message text).</summary>
    public async Task HandleAsync(string message, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        JobResultMessage? result;
        try
        {
            result = JsonSerializer.Deserialize(message, JobsContractJsonContext.Default.JobResultMessage);
        }
        catch (JsonException)
        {
            result = null;
        }

        if (result is null || string.IsNullOrEmpty(result.JobId))
        {
            LogMalformed(message.Length);
            return;
        }

        // A batch chunk's result goes to its batch's orchestration, as the event named by the chunk.
        var (instance, name) = BatchChunks.BatchOf(result.JobId) is { } batchId ? (batchId, result.JobId) : (result.JobId, JobEvents.Result);
        if (await events.RaiseAsync(client, instance, name, result, cancellationToken) == JobEventDelivery.Unconfirmed)
        {
            // Kept: the message comes back after its visibility timeout and raises the event again, by when the
            // orchestration has started (or the first event brought its stale record up to date).
            throw new TimeoutException($"The orchestration of job {result.JobId} was still recorded as pending; its result is raised again when the message comes back.");
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "A results message of {Length} characters is not a job result; dropped")]
    private partial void LogMalformed(int length);
}
