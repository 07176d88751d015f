using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Jobs.Orchestration;

/// <summary>
/// Raises an event on a job's orchestration once the orchestration has started. The work message goes out at
/// submit, right after the orchestration is scheduled, so a fast worker's result (or an early cancel) can come while
/// the orchestration is still pending; the Azure Storage backend discards an event for an instance with no history
/// yet ("Discarding ... No such instance"), and the job would hang until it expired. So this waits, polling the
/// instance's status, until it runs (or has ended), then raises. Once started, the orchestration keeps any event
/// that comes before it waits for it. The status is only a record, written after the history: a host that dies
/// between the two leaves a started orchestration recorded as pending until its next event. So an orchestration
/// still pending after <see cref="JobOptions.EventWaitForStart"/> gets the event anyway, reported as
/// <see cref="JobEventDelivery.Unconfirmed"/> for the caller to raise again later.
/// </summary>
public sealed partial class JobEventRaiser(IOptions<JobOptions> options, TimeProvider time, ILogger<JobEventRaiser> logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);

    /// <summary>Raises <paramref name="name"/> with <paramref name="payload"/> on job <paramref name="jobId"/>'s orchestration.</summary>
    public async Task<JobEventDelivery> RaiseAsync(DurableTaskClient client, string jobId, string name, object payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = time.GetTimestamp();
        var poll = FirstPoll;
        while (true)
        {
            var instance = await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken);
            if (instance is null)
            {
                LogNoInstance(jobId, name);
                return JobEventDelivery.NoOrchestration;
            }

            if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                await client.RaiseEventAsync(jobId, name, payload, cancellationToken);
                return JobEventDelivery.Delivered;
            }

            // Pending longer than any start takes (counted from its creation, so a retried event does not wait
            // again): most likely a stale record.
            var wait = options.Value.EventWaitForStart;
            if (time.GetElapsedTime(started) > wait || time.GetUtcNow() - instance.CreatedAt > wait)
            {
                await client.RaiseEventAsync(jobId, name, payload, cancellationToken);
                LogUnconfirmed(jobId, name, wait.TotalSeconds);
                return JobEventDelivery.Unconfirmed;
            }

            await Task.Delay(poll, time, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, poll.Ticks * 2));
        }
    }

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Job {JobId} has no orchestration; its {Event} event is dropped")]
    private partial void LogNoInstance(string jobId, string @event);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Job {JobId}: its orchestration is still recorded as pending after {Seconds} s; the {Event} event is raised anyway")]
    private partial void LogUnconfirmed(string jobId, string @event, double seconds);
}
