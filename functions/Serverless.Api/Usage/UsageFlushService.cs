using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Usage;

/// <summary>
/// Flushes the <see cref="UsageRecorder"/> every <see cref="UsageOptions.FlushInterval"/>. At start it applies what an
/// earlier process spilled; once the host has stopped (the web server has finished the requests in flight) it
/// flushes once more, bounded by the host's shutdown timeout and <see cref="FinalFlushTimeout"/>, and spills to disk
/// whatever storage would not take.
/// </summary>
internal sealed partial class UsageFlushService(
    UsageRecorder recorder, UsageSpill spill, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageFlushService> logger)
    : BackgroundService, IHostedLifecycleService
{
    /// <summary>The longest the final flush may take before what is left is spilled instead.</summary>
    internal static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(10);

    private IReadOnlyList<string> adopted = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var (files, merges) = await spill.LoadAsync(cancellationToken);
        if (merges.Count > 0)
        {
            await recorder.AdoptAsync(merges, cancellationToken);
        }

        adopted = files;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await recorder.FlushAsync(stoppingToken);
                ForgetAdopted();
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFlushFailed(e, recorder.PendingMerges);
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The last flush runs once every hosted service has stopped, the web server included, so the requests it let
    /// finish after the stop signal are in it.
    /// </summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(FinalFlushTimeout);
        try
        {
            await recorder.FlushAsync(bounded.Token);
            ForgetAdopted();
            return;
        }
        catch (Exception e)
        {
            LogFinalFlushFailed(e, recorder.PendingMerges);
        }

        var left = await recorder.DrainAsync(CancellationToken.None);
        try
        {
            var file = await spill.SaveAsync(left, recorder.Writer);
            ForgetAdopted();
            LogSpilled(left.Count, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSpillFailed(e, left.Count);
        }
    }

    /// <summary>Once every merge is applied (or spilled anew), the files they were loaded from have done their job.</summary>
    private void ForgetAdopted()
    {
        if (adopted.Count > 0)
        {
            spill.Delete(adopted);
            adopted = [];
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Writing usage failed; {Merges} rollup merges are kept for the next flush")]
    private partial void LogFlushFailed(Exception exception, int merges);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Writing usage at shutdown failed; {Merges} rollup merges are spilled to disk instead")]
    private partial void LogFinalFlushFailed(Exception exception, int merges);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Spilled {Merges} unwritten usage merges to {File}; the next start applies them")]
    private partial void LogSpilled(int merges, string file);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Critical, Message = "Spilling {Merges} unwritten usage merges failed; that usage is lost")]
    private partial void LogSpillFailed(Exception exception, int merges);
}
