namespace Serverless.Api.Batches;

/// <summary>Lines in all, answered and failed.</summary>
/// <param name="Total">Lines in the input.</param>
/// <param name="Completed">Lines answered 2xx.</param>
/// <param name="Failed">Lines that failed.</param>
public sealed record BatchRequestCounts(int Total, int Completed, int Failed);
