using Microsoft.Extensions.Options;

namespace Serverless.Worker.Jobs;

/// <summary>
/// The job mode's main loop: takes messages from the work queues up to <see cref="JobModeOptions.MaxConcurrentJobs"/>
/// at a time (the engine batches their decoding), each free slot from the highest class that has work
/// (<see cref="WorkQueues"/>: high, then normal, then low), polls quickly while work comes and backs off when idle, and
/// stops the application once every queue has stayed empty for <see cref="JobModeOptions.IdleExitAfter"/>, or once it
/// has run for <see cref="JobModeOptions.MaxRunTime"/> (then it takes nothing new and finishes what it holds),
/// unless told to run forever.
/// </summary>
internal sealed partial class JobLoop(
    JobMessageProcessor processor, WorkQueues work, IOptions<JobModeOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<JobLoop> logger)
    : BackgroundService
{
    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await processor.EnsureCreatedAsync(stoppingToken);
        using var slots = new SemaphoreSlim(settings.MaxConcurrentJobs);
        var running = new HashSet<Task>();
        var started = time.GetUtcNow();
        var idleSince = started;
        var poll = MinPoll;
        LogStarted(settings.MaxConcurrentJobs, settings.RunForever);
        while (!stoppingToken.IsCancellationRequested)
        {
            await slots.WaitAsync(stoppingToken);
            var free = slots.CurrentCount + 1;
            slots.Release();
            if (!settings.RunForever && time.GetUtcNow() - started >= settings.MaxRunTime)
            {
                LogMaxRunTime(settings.MaxRunTime.TotalSeconds, settings.MaxConcurrentJobs - free);
                break;
            }

            IReadOnlyList<WorkDelivery> deliveries;
            try
            {
                deliveries = await work.ReceiveAsync(Math.Min(32, free), settings.VisibilityTimeout, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReceiveFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                continue;
            }

            if (deliveries.Count == 0)
            {
                lock (running)
                {
                    if (running.Count > 0)
                    {
                        idleSince = time.GetUtcNow();
                    }
                }

                if (!settings.RunForever && time.GetUtcNow() - idleSince >= settings.IdleExitAfter)
                {
                    LogIdleExit(settings.IdleExitAfter.TotalSeconds);
                    break;
                }

                await Task.Delay(poll, time, stoppingToken);
                poll = TimeSpan.FromTicks(Math.Min(settings.MaxPollInterval.Ticks, poll.Ticks * 2));
                continue;
            }

            poll = MinPoll;
            idleSince = time.GetUtcNow();
            foreach (var delivery in deliveries)
            {
                await slots.WaitAsync(stoppingToken);
                var task = RunAsync(delivery, slots, stoppingToken);
                lock (running)
                {
                    running.Add(task);
                }

                _ = task.ContinueWith(
                    t =>
                    {
                        lock (running)
                        {
                            running.Remove(t);
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }

        Task[] left;
        lock (running)
        {
            left = [.. running];
        }

        await Task.WhenAll(left);
        lifetime.StopApplication();
    }

    private async Task RunAsync(WorkDelivery delivery, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await processor.ProcessAsync(delivery, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message reappears after its visibility timeout and another worker takes it.
        }
        catch (Exception e)
        {
            LogFailed(e, delivery.Message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(EventId = 7120, Level = LogLevel.Information, Message = "Job mode started: up to {MaxConcurrentJobs} jobs at once, run forever: {RunForever}")]
    private partial void LogStarted(int maxConcurrentJobs, bool runForever);

    [LoggerMessage(EventId = 7121, Level = LogLevel.Information, Message = "The work queues stayed empty for {Seconds} s: exiting")]
    private partial void LogIdleExit(double seconds);

    [LoggerMessage(EventId = 7124, Level = LogLevel.Information, Message = "Ran for {Seconds} s (JobMode:MaxRunTime): taking no new jobs, finishing the {Held} held, then exiting")]
    private partial void LogMaxRunTime(double seconds, int held);

    [LoggerMessage(EventId = 7122, Level = LogLevel.Warning, Message = "Reading the work queues failed")]
    private partial void LogReceiveFailed(Exception exception);

    [LoggerMessage(EventId = 7123, Level = LogLevel.Error, Message = "Work message {MessageId} failed; it will reappear")]
    private partial void LogFailed(Exception exception, string messageId);
}
