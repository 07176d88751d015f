namespace Serverless.Client.Usage;

/// <summary>How usage rows are grouped.</summary>
public enum UsageGrouping
{
    /// <summary>A row per UTC day and model.</summary>
    Model,

    /// <summary>A row per UTC day, every model summed.</summary>
    Day,
}
