using System.Text.Json;
using Microsoft.DurableTask;
using Serverless.Jobs;

namespace Serverless.Api.Jobs;

/// <summary>
/// Puts a job's work message on the <c>jobs</c> queue. A retry may enqueue it twice; the worker's job mode
/// makes a second delivery harmless.
/// </summary>
public sealed class DispatchJobActivity(JobQueueClients queues) : TaskActivity<JobInput, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, JobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await queues.EnsureCreatedAsync();
        var message = JsonSerializer.Serialize(new JobWorkMessage(input.JobId, input.Partition), JobsContractJsonContext.Default.JobWorkMessage);
        await queues.Jobs.SendMessageAsync(message);
        return true;
    }
}
