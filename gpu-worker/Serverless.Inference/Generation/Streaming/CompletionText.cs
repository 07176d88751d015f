namespace Serverless.Inference.Generation.Streaming;

/// <summary>One sequence's text side: incremental UTF-8-safe decoding, then the stop-sequence cut.</summary>
internal sealed class CompletionText(Func<IEnumerable<int>, string> decode, IReadOnlyList<string> stopSequences)
{
    private readonly IncrementalDecoder decoder = new(decode);
    private readonly StopSequenceFilter filter = new(stopSequences);

    /// <summary>True once a stop sequence appeared: the completion ends with finish_reason stop.</summary>
    public bool Stopped => filter.Stopped;

    /// <summary>The text this token makes safe to emit.</summary>
    public string Push(int token) => filter.Push(decoder.Push(token));

    /// <summary>Everything still held back, for the final chunk (it may still hit a stop sequence).</summary>
    public string Finish()
    {
        var text = filter.Push(decoder.Flush());
        return filter.Stopped ? text : text + filter.Flush();
    }
}
