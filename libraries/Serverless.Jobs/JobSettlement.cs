namespace Serverless.Jobs;

/// <summary>What came of <see cref="JobLifecycle.SettleAsync"/>.</summary>
/// <param name="Row">The settled row.</param>
/// <param name="ClaimedHere">Whether this call claimed the end, and so settles the quota; false when an earlier run did.</param>
public sealed record JobSettlement(JobEntity Row, bool ClaimedHere);
