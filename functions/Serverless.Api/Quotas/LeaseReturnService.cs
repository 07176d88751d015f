using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Api.Quotas;

/// <summary>Gives idle leased capacity back every second, and all of it when the instance stops.</summary>
internal sealed partial class LeaseReturnService(LeasedCounters counters, TimeProvider time, ILogger<LeaseReturnService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await counters.ReturnIdleAsync(all: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReturnFailed(e);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await counters.ReturnIdleAsync(all: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReturnFailed(e);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Giving idle quota leases back failed; they expire with their window")]
    private partial void LogReturnFailed(Exception exception);
}
