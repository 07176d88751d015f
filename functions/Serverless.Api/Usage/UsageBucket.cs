namespace Serverless.Api.Usage;

/// <summary>What usage is summed by before it is stored: an owner's use of one model on one UTC day (a rollup row).</summary>
/// <param name="Owner">The tenant billed.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="Model">The model.</param>
internal readonly record struct UsageBucket(string Owner, DateOnly Day, string Model);
