using Serverless.Api.Auth;
using Serverless.Jobs;

namespace Serverless.Api.Jobs;

/// <summary>Finds a job for a caller: in the caller's owner's partition, or anywhere for an admin.</summary>
public sealed class JobLookup(JobStore store)
{
    /// <summary>The job, or null when it does not exist or the caller may not see it.</summary>
    public async Task<JobEntity?> FindAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!JobIds.IsWellFormed(id))
        {
            return null;
        }

        return caller.Role >= Role.Admin
            ? await store.FindAsync(id, cancellationToken)
            : await store.GetAsync(JobStore.PartitionOf(caller.Owner), id, cancellationToken);
    }
}
