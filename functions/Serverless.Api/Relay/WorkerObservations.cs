namespace Serverless.Api.Relay;

/// <summary>
/// What the gateway last saw of the worker on its own calls (relays, stops, model lists): readiness reports the
/// worker from this rather than calling it, since a call would start a GPU replica scaled to zero.
/// </summary>
public sealed class WorkerObservations(TimeProvider time)
{
    private WorkerObservation? last;

    /// <summary>The last call's outcome, or null when the gateway has not called the worker since it started.</summary>
    public WorkerObservation? Last => Volatile.Read(ref last);

    /// <summary>Records a call that reached a worker able to serve.</summary>
    public void Reached() => Volatile.Write(ref last, new WorkerObservation(true, null, time.GetUtcNow()));

    /// <summary>Records a call that found no worker able to serve, and why (never a secret: a status code or an error kind).</summary>
    public void Failed(string reason) => Volatile.Write(ref last, new WorkerObservation(false, reason, time.GetUtcNow()));
}
