using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.Api.Tests.Usage;

/// <summary>
/// Sees every storage request (each retry too): counts them, and can make storage look down or lose the answer
/// of a request that did land, the failure that makes retries dangerous for counters.
/// </summary>
public sealed class StorageCalls : HttpPipelinePolicy
{
    private int count;
    private int lost;
    private int answersToLose;
    private Func<HttpMessage, bool> losesAnswerOf = _ => false;

    /// <summary>Requests made so far.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Answers lost so far.</summary>
    public int Lost => Volatile.Read(ref lost);

    /// <summary>While true, every request fails before reaching storage.</summary>
    public bool Down { get => Refuse is not null; set => Refuse = value ? _ => true : null; }

    /// <summary>Requests this matches fail before reaching storage.</summary>
    public Func<HttpMessage, bool>? Refuse { get; set; }

    /// <summary>The next <paramref name="times"/> requests that match <paramref name="match"/> land, but their answers are lost.</summary>
    public void LoseAnswers(int times, Func<HttpMessage, bool> match)
    {
        losesAnswerOf = match;
        Volatile.Write(ref answersToLose, times);
    }

    /// <summary>Whether a request is an entity-group transaction.</summary>
    public static bool IsBatch(HttpMessage message) => message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Before(message);
        await ProcessNextAsync(message, pipeline);
        After(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Before(message);
        ProcessNext(message, pipeline);
        After(message);
    }

    private void Before(HttpMessage message)
    {
        Interlocked.Increment(ref count);
        if (Refuse?.Invoke(message) == true)
        {
            throw new RequestFailedException(0, "storage is down (test)");
        }
    }

    private void After(HttpMessage message)
    {
        if (message.Response.Status < 300 && losesAnswerOf(message) && Interlocked.Decrement(ref answersToLose) >= 0)
        {
            Interlocked.Increment(ref lost);
            throw new IOException("the connection dropped before the answer arrived (test)");
        }
    }
}
