using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Jobs;

/// <summary>
/// Raises an event on a job's orchestration once the orchestration has started. The work message goes out at
/// submit, right after the orchestration is scheduled, so a fast worker's result (or an early cancel) can come while
/// the orchestration is still pending; the Azure Storage backend discards an event for an instance with no history
/// yet ("Discarding ... No such instance"), and the job would hang until it expired. So this waits, polling the
/// instance's status, until it runs (or has ended), then raises. Once started, the orchestration keeps any event
/// that comes before it waits for it.
/// </summary>
public sealed partial class JobEventRaiser(IOptions<JobOptions> options, TimeProvider time, ILogger<JobEventRaiser> logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Raises <paramref name="name"/> with <paramref name="payload"/> on job <paramref name="jobId"/>'s orchestration;
    /// false when there is no such orchestration. Throws <see cref="TimeoutException"/> when it is still pending after
    /// <see cref="JobOptions.EventWaitForStart"/>, so a queue message carrying the event is tried again later.
    /// </summary>
    public async Task<bool> RaiseAsync(DurableTaskClient client, string jobId, string name, object payload, CancellationToken cancellationToken)
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
                return false;
            }

            if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                break;
            }

            if (time.GetElapsedTime(started) > options.Value.EventWaitForStart)
            {
                throw new TimeoutException($"The orchestration of job {jobId} has not started within {options.Value.EventWaitForStart}; the {name} event waits.");
            }

            await Task.Delay(poll, time, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, poll.Ticks * 2));
        }

        await client.RaiseEventAsync(jobId, name, payload, cancellationToken);
        return true;
    }

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Job {JobId} has no orchestration; its {Event} event is dropped")]
    private partial void LogNoInstance(string jobId, string @event);
}
