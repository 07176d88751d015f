namespace Serverless.Worker.Generation;

/// <summary>
/// One request's generation while it runs: the token that stops every choice, and the tokens each choice has
/// produced so far, so that a generation stopped early (the caller left, timed out or cancelled) can still say what
/// it generated, and be billed for it.
/// </summary>
internal sealed class GenerationCall : IDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly int[] tokens;
    private readonly TaskCompletionSource ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();

    /// <summary>Starts tracking a request with <paramref name="promptTokens"/> and <paramref name="choices"/> choices, stopped by <paramref name="aborted"/> too.</summary>
    public GenerationCall(int promptTokens, int choices, CancellationToken aborted)
    {
        PromptTokens = promptTokens;
        tokens = new int[choices];
        stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
    }

    /// <summary>Stops the generation at its next decode step.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>Tokens in the prompt(s).</summary>
    public int PromptTokens { get; }

    /// <summary>Tokens generated so far, over every choice.</summary>
    public int CompletionTokens
    {
        get
        {
            var sum = 0;
            for (var i = 0; i < tokens.Length; i++)
            {
                sum += Volatile.Read(ref tokens[i]);
            }

            return sum;
        }
    }

    /// <summary>Whether the generation was stopped before it finished.</summary>
    public bool Stopped => stop.IsCancellationRequested;

    /// <summary>Completes when the request is over and <see cref="CompletionTokens"/> is final.</summary>
    public Task Ended => ended.Task;

    /// <summary>Records that choice <paramref name="choice"/> has produced <paramref name="completionTokens"/> tokens.</summary>
    public void Report(int choice, int completionTokens) => Volatile.Write(ref tokens[choice], completionTokens);

    /// <summary>Stops the generation; does nothing once it has ended.</summary>
    public void Cancel()
    {
        lock (gate)
        {
            if (!ended.Task.IsCompleted)
            {
                stop.Cancel();
            }
        }
    }

    /// <summary>Marks the request over.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (ended.TrySetResult())
            {
                stop.Dispose();
            }
        }
    }
}
