using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Prices;

/// <summary>
/// Stores <see cref="PriceOptions.Initial"/> before the instance serves, for models without a price; an admin's price
/// is never overwritten. Storage that cannot be reached is tried for <see cref="GiveUpAfter"/>, then the instance
/// starts anyway (those models are refused as unpriced until a price exists).
/// </summary>
internal sealed partial class InitialPriceService(PriceTable prices, IOptions<PriceOptions> options, TimeProvider time, ILogger<InitialPriceService> logger)
    : IHostedService
{
    internal static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var initial = options.Value.Initial.Select(p => new ModelPrice(p.Key, p.Value.InputPer1K, p.Value.OutputPer1K, p.Value.CachedPer1K)).ToArray();
        if (initial.Length == 0)
        {
            return;
        }

        var deadline = time.GetUtcNow() + GiveUpAfter;
        while (true)
        {
            try
            {
                var added = await prices.AddMissingAsync(initial, cancellationToken);
                LogSeeded(added, initial.Length);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && time.GetUtcNow() < deadline)
            {
                LogSeedRetry(e);
                await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSeedFailed(e);
                return;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Initial prices: {Added} of {Configured} models had no price and got the configured one")]
    private partial void LogSeeded(int added, int configured);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Storing the initial prices failed; trying again")]
    private partial void LogSeedRetry(Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Storing the initial prices failed; models without a price are refused until one is set")]
    private partial void LogSeedFailed(Exception exception);
}
