using System.Diagnostics;
using System.Text.Json;
using Serverless.Jobs;

namespace Serverless.Api.Jobs.Queues;

/// <summary>
/// Puts a job's work message on the work queue of its class (<c>jobs-high</c>, <c>jobs</c> or <c>jobs-low</c>), carrying
/// the caller's W3C trace context so the worker's span joins the request's trace. A retry may enqueue it twice; the
/// worker's job mode makes a second delivery harmless.
/// </summary>
public sealed class JobWorkQueue(JobQueueClients queues)
{
    /// <summary>Sends the work message of job <paramref name="jobId"/> in <paramref name="partition"/> to <paramref name="priority"/>'s queue.</summary>
    public async Task SendAsync(string jobId, string partition, PriorityClass priority, CancellationToken cancellationToken)
    {
        await queues.EnsureCreatedAsync();
        var message = new JobWorkMessage(jobId, partition, Activity.Current?.Id);
        await queues.WorkOf(priority).SendMessageAsync(JsonSerializer.Serialize(message, JobsContractJsonContext.Default.JobWorkMessage), cancellationToken);
    }
}
