using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Usage;

/// <summary>Flushes the <see cref="UsageRecorder"/> every <see cref="UsageOptions.FlushInterval"/>, and once more when the instance stops.</summary>
internal sealed partial class UsageFlushService(UsageRecorder recorder, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageFlushService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await recorder.FlushAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFlushFailed(e, recorder.Buffered);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await recorder.FlushAsync(cancellationToken);
        }
        catch (Exception e)
        {
            LogFinalFlushFailed(e, recorder.Buffered, recorder.PendingMerges);
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Writing usage failed; {Buffered} records are kept for the next flush")]
    private partial void LogFlushFailed(Exception exception, int buffered);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Writing usage at shutdown failed; {Buffered} records and {Merges} rollup merges are lost")]
    private partial void LogFinalFlushFailed(Exception exception, int buffered, int merges);
}
