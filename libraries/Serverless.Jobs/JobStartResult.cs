namespace Serverless.Jobs;

/// <summary>Whether a worker may run a delivered job, and why not.</summary>
public enum JobStartResult
{
    /// <summary>Marked running: the worker runs it.</summary>
    Started,

    /// <summary>No such row: the message is stale.</summary>
    Missing,

    /// <summary>Settled or shown ended: nothing more to do.</summary>
    Ended,

    /// <summary>Its owner cancelled it before it started: the worker reports it cancelled instead.</summary>
    CancelRequested,

    /// <summary>An earlier delivery stored its result but did not finish: the worker announces that result again.</summary>
    ResultStored,
}
