using Serverless.Jobs;

namespace Serverless.Worker.Jobs;

/// <summary>
/// While a job runs, reads its row every <see cref="JobModeOptions.CancelCheckInterval"/> and stops the generation
/// (through <see cref="Stop"/>) when its owner cancelled it or the orchestration ended it; the job's deadline stops it
/// without a read. A stopped job is billed for what it generated, so cancelling is never a way to use the GPU free.
/// </summary>
internal sealed partial class CancelWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly CancellationTokenSource quit = new();
    private readonly Task loop;

    public CancelWatch(JobLifecycle jobs, JobEntity row, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        var left = row.ExpiresAt - time.GetUtcNow();
        stop = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && !quit.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, time, quit.Token);
                    var now = await jobs.GetAsync(row.PartitionKey, row.RowKey, quit.Token);
                    if (now is null || JobLifecycle.ShouldStop(now))
                    {
                        LogStopping(logger, row.RowKey);
                        await stop.CancelAsync();
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e)
                {
                    LogCheckFailed(logger, e, row.RowKey);
                }
            }
        });
    }

    /// <summary>Stops the job's generation: a cancel, the orchestration ending the job, or its deadline.</summary>
    public CancellationToken Stop => stop.Token;

    public async ValueTask DisposeAsync()
    {
        await quit.CancelAsync();
        await loop;
        quit.Dispose();
        stop.Dispose();
    }

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Job {JobId} was cancelled or ended while it ran; stopping it at the next decode step")]
    private static partial void LogStopping(ILogger logger, string jobId);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Warning, Message = "Checking job {JobId} for a cancel failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string jobId);
}
