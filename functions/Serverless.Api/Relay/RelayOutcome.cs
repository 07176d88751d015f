namespace Serverless.Api.Relay;

/// <summary>
/// What a relayed call came to: the status the client got, the tokens the answer reported (for a stream: as of the
/// last event the client received), whether the worker produced an answer at all, and how long the worker took.
/// </summary>
public sealed record RelayOutcome(int Status, int PromptTokens, int CompletionTokens, bool Answered, TimeSpan WorkerTime)
{
    /// <summary>The worker gave no answer (unreachable, failed, timed out, or refused the request).</summary>
    public static RelayOutcome Failed(int status, TimeSpan workerTime) => new(status, 0, 0, false, workerTime);

    /// <summary>The client left before the end: the worker is to be stopped and asked what it generated.</summary>
    internal bool Abandoned { get; init; }

    /// <summary>The body of a whole (not streamed) successful answer as the client received it, for the response cache.</summary>
    internal byte[]? WholeBody { get; init; }
}
