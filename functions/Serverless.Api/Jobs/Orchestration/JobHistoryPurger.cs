using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Jobs.Orchestration;

/// <summary>
/// Deletes the Durable history of job orchestrations that ended more than <see cref="JobOptions.HistoryRetention"/>
/// ago. The jobs table is what the API reads (status, result, usage, webhook attempts), so an ended orchestration's
/// history is of no further use to anyone but someone debugging it, and the Durable Azure Storage backend never
/// deletes it itself: left alone, its tables grow by some ten rows per job for ever (storage cost in Azure; on
/// Azurite every query scans them, so a long-running local stack slows down job by job).
/// </summary>
public sealed partial class JobHistoryPurger(IOptions<JobOptions> options, TimeProvider time, ILogger<JobHistoryPurger> logger)
{
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Purges what is due; returns how many orchestrations it purged.</summary>
    public async Task<int> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        // By creation time, the only time the purge filter knows: a job ends before its deadline, and one that
        // still retries its webhook is running, not ended, so it is left alone. (The local gRPC sidecar needs a
        // lower bound; nothing was created before the epoch.)
        var filter = new PurgeInstancesFilter(DateTimeOffset.UnixEpoch, time.GetUtcNow() - options.Value.HistoryRetention, Ended);
        var result = await client.PurgeAllInstancesAsync(filter, cancellationToken);
        if (result.PurgedInstanceCount > 0)
        {
            LogPurged(result.PurgedInstanceCount, options.Value.HistoryRetention);
        }

        return result.PurgedInstanceCount;
    }

    [LoggerMessage(EventId = 7013, Level = LogLevel.Information, Message = "Purged the Durable history of {Count} ended job orchestrations created more than {Retention} ago")]
    private partial void LogPurged(int count, TimeSpan retention);
}
