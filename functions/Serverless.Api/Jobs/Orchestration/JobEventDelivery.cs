namespace Serverless.Api.Jobs.Orchestration;

/// <summary>What became of an event raised on a job's orchestration (<see cref="JobEventRaiser"/>).</summary>
public enum JobEventDelivery
{
    /// <summary>The orchestration had started: it gets the event.</summary>
    Delivered,

    /// <summary>
    /// Raised, though the orchestration was still recorded as pending after the wait. Either its record is stale
    /// (a host died between writing its history and its status; the event reaches it and brings the record up to
    /// date) or it really has not started (a dead host still holds its start message; the backend drops the event).
    /// Raise it again later to be sure.
    /// </summary>
    Unconfirmed,

    /// <summary>There is no such orchestration; nothing was raised.</summary>
    NoOrchestration,
}
