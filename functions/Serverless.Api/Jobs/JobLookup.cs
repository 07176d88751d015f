using Serverless.Api.Auth;
using Serverless.Api.Storage;
using Serverless.Jobs;

namespace Serverless.Api.Jobs;

/// <summary>Finds a job for a caller: in the caller's owner's partition, or anywhere for an admin.</summary>
public sealed class JobLookup(JobLifecycle jobs)
{
    /// <summary>The partition of an owner's jobs.</summary>
    public static string PartitionOf(string owner) => TableKeys.Escape(owner);

    /// <summary>The job, or null when it does not exist or the caller may not see it.</summary>
    public async Task<JobEntity?> FindAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!JobIds.IsWellFormed(id))
        {
            return null;
        }

        return caller.Role >= Role.Admin
            ? await jobs.FindAsync(id, cancellationToken)
            : await jobs.GetAsync(PartitionOf(caller.Owner), id, cancellationToken);
    }
}
