namespace Serverless.Gateway.Benchmarks;

/// <summary>How one request of a load run ended.</summary>
internal enum RequestOutcome
{
    /// <summary>A 2xx answer, and for a stream one that ended with <c>data: [DONE]</c>.</summary>
    Ok,

    /// <summary>Any other answer, or the connection failed.</summary>
    Error,

    /// <summary>No complete answer within the client's timeout.</summary>
    Timeout,
}
