namespace Serverless.Jobs;

/// <summary>A message on the <c>jobs</c> queue: which row holds the work (the request itself stays in the row).</summary>
/// <param name="JobId">The job id (the row key and the orchestration's instance id).</param>
/// <param name="Partition">The row's partition key.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the request that submitted the job, so the worker's span joins its trace.</param>
public sealed record JobWorkMessage(string JobId, string Partition, string? TraceParent = null);
