using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Api.Jobs;
using Serverless.Api.Jobs.Orchestration;

namespace Serverless.LocalHost.Durable;

/// <summary>The local host's stand-in for the Functions timer that purges ended job orchestrations' history.</summary>
internal sealed partial class JobHistoryPurgeService(
    JobHistoryPurger purger, DurableTaskClient client, IOptions<JobOptions> options, TimeProvider time, ILogger<JobHistoryPurgeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.HistoryPurgeInterval, time, stoppingToken);
                await purger.PurgeAsync(client, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e); // storage away, or the backend not started yet: the next round tries again
            }
        }
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Purging ended job orchestrations failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}
