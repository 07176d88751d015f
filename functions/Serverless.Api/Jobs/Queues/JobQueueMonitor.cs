using System.Diagnostics.Metrics;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Api.Telemetry;
using Serverless.Jobs;

namespace Serverless.Api.Jobs.Queues;

/// <summary>
/// Looks at the job queues every <see cref="JobOptions.QueueProbeInterval"/> and exposes what it saw as gauges:
/// <c>api_job_queue_length{queue}</c> (the approximate message count) and <c>api_job_queue_oldest_age_seconds{queue}</c>
/// (how long the message at the front has waited: work no worker takes, in each class's queue, results no host turns
/// into events, poison an operator has not looked at). Two storage calls per queue per probe, whatever the traffic.
/// </summary>
public sealed partial class JobQueueMonitor : BackgroundService
{
    private static readonly string[] Watched = [.. JobQueueNames.WorkByClass.Select(c => c.Queue), JobQueueNames.Results, JobQueueNames.JobsPoison];
    private readonly QueueServiceClient queues;
    private readonly IOptions<JobOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<JobQueueMonitor> logger;
    private volatile IReadOnlyList<QueueSnapshot> snapshots = [];

    /// <summary>Creates the monitor and its gauges.</summary>
    public JobQueueMonitor(QueueServiceClient queues, IMeterFactory meterFactory, IOptions<JobOptions> options, TimeProvider time, ILogger<JobQueueMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        (this.queues, this.options, this.time, this.logger) = (queues, options, time, logger);
        var meter = meterFactory.Create(ApiMetrics.MeterName);
        meter.CreateObservableGauge("api_job_queue_length", () => snapshots.Select(s => new Measurement<long>(s.Length, Queue(s))),
            description: "Messages in each job queue (approximate, as Storage counts them), at the last probe.");
        meter.CreateObservableGauge("api_job_queue_oldest_age_seconds", () => snapshots.Select(s => new Measurement<double>(s.OldestAgeSeconds, Queue(s))),
            "s", "How long the message at the front of each job queue has waited, at the last probe (0 when empty).");
    }

    /// <summary>What the last probe saw.</summary>
    public IReadOnlyList<QueueSnapshot> Snapshots => snapshots;

    /// <summary>Reads every watched queue once.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seen = new List<QueueSnapshot>(Watched.Length);
        foreach (var name in Watched)
        {
            var queue = queues.GetQueueClient(name);
            if (!(await queue.ExistsAsync(cancellationToken)).Value)
            {
                seen.Add(new QueueSnapshot(name, 0, 0));
                continue;
            }

            var properties = await queue.GetPropertiesAsync(cancellationToken);
            var front = (await queue.PeekMessagesAsync(1, cancellationToken)).Value;
            var age = front is [{ InsertedOn: { } inserted }] ? Math.Max(0, (now - inserted).TotalSeconds) : 0;
            seen.Add(new QueueSnapshot(name, properties.Value.ApproximateMessagesCount, age));
        }

        snapshots = seen;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProbeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogProbeFailed(e);
            }

            await Task.Delay(options.Value.QueueProbeInterval, time, stoppingToken);
        }
    }

    private static KeyValuePair<string, object?> Queue(QueueSnapshot snapshot) => new("queue", snapshot.Queue);

    [LoggerMessage(EventId = 7030, Level = LogLevel.Warning, Message = "Reading the job queues' length and age failed")]
    private partial void LogProbeFailed(Exception exception);
}

/// <summary>One job queue as a probe saw it.</summary>
/// <param name="Queue">The queue's name.</param>
/// <param name="Length">Its approximate message count.</param>
/// <param name="OldestAgeSeconds">How long the message at its front had waited (0 when empty).</param>
public sealed record QueueSnapshot(string Queue, long Length, double OldestAgeSeconds);
