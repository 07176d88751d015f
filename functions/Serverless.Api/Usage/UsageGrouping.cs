namespace Serverless.Api.Usage;

/// <summary>How the usage API groups its rows.</summary>
internal enum UsageGrouping
{
    /// <summary>One row per model per day (<c>group_by=model</c>, the default).</summary>
    Model,

    /// <summary>One row per day, all models together (<c>group_by=day</c>).</summary>
    Day,
}
