namespace Serverless.Jobs;

/// <summary>A message on the <c>jobs</c> queue: which row holds the work (the request itself stays in the row).</summary>
/// <param name="JobId">The job id (the row key and the orchestration's instance id).</param>
/// <param name="Partition">The row's partition key.</param>
public sealed record JobWorkMessage(string JobId, string Partition);
