namespace Serverless.Jobs;

/// <summary>
/// Where a job row stands in its lifecycle, read from its fields. <see cref="JobLifecycle"/> moves a row from one
/// phase to the next and nothing else writes a row:
/// <code>
/// Queued ──start──▶ Running ──store result──▶ ResultStored
///   │                  │                          ▲
///   └─request cancel──▶ CancelRequested ──────────┘ (a run that finished before it saw the cancel)
///
///   (any of the above) ──settle (succeeded, failed, cancelled, expired)──▶ Settled ──show ended──▶ Ended
/// </code>
/// </summary>
public enum JobPhase
{
    /// <summary>Accepted; no worker has started it.</summary>
    Queued,

    /// <summary>A worker marked it running and is generating (or died doing so: a later delivery starts it again).</summary>
    Running,

    /// <summary>A worker stored its result in the row; the orchestration has not settled it yet.</summary>
    ResultStored,

    /// <summary>Its owner asked for a cancel; no worker starts it, and one running it stops at its next check.</summary>
    CancelRequested,

    /// <summary>The orchestration claimed its end and billed it; its owner does not see it ended until its quota is free.</summary>
    Settled,

    /// <summary>Shown ended (succeeded, failed, cancelled or expired): nothing writes the row again.</summary>
    Ended,
}
