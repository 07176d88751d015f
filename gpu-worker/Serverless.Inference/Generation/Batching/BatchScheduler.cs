using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Serverless.Inference.Generation.Batching;

/// <summary>
/// Continuous batching for one generation model, on a dedicated thread: each step admits waiting
/// requests (prefilled one by one, then joined to the batch), drops abandoned ones, and decodes one token
/// for every active sequence in a single forward pass. Requests never wait for each other to finish. When the
/// batch is full, requests wait in a <see cref="WaitingLine"/>: the highest priority joins first, in arrival order
/// within a priority.
/// </summary>
internal sealed partial class BatchScheduler : IDisposable
{
    private readonly CausalLm model;
    private readonly string modelId;
    private readonly int maxBatchSize;
    private readonly ILogger logger;
    private readonly Channel<Sequence> incoming = Channel.CreateUnbounded<Sequence>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;

    // Owned by the scheduler thread.
    private readonly List<Sequence> active = [];
    private readonly WaitingLine waiting = new();
    private int activeCount;
    private int waitingCount;
    private KvCache? batchCache;
    private bool membershipChanged;

    public BatchScheduler(CausalLm model, string modelId, int maxBatchSize, ILogger logger)
    {
        this.model = model;
        this.modelId = modelId;
        this.maxBatchSize = maxBatchSize;
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = $"scheduler {modelId}" };
        thread.Start();
        Log.SchedulerStarted(logger, modelId, maxBatchSize);
    }

    /// <summary>Sequences in the running batch, as of the end of the last step (read from any thread).</summary>
    public int ActiveCount => Volatile.Read(ref activeCount);

    /// <summary>Requests waiting to join the batch.</summary>
    public int WaitingCount => Volatile.Read(ref waitingCount);

    public void Enqueue(Sequence sequence)
    {
        Interlocked.Increment(ref waitingCount);
        if (!incoming.Writer.TryWrite(sequence))
        {
            Interlocked.Decrement(ref waitingCount);
            sequence.Fail(new ObjectDisposedException(nameof(GenerationModel), $"model {modelId} is shut down"));
        }
    }

    public void Dispose()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        incoming.Writer.TryComplete();
        stopping.Cancel();
        thread.Join();
        stopping.Dispose();
    }

    private void Run()
    {
        while (!stopping.IsCancellationRequested)
        {
            if (active.Count == 0 && !WaitForWork())
            {
                break;
            }

            try
            {
                Step();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.DecodeFailed(logger, e, modelId, active.Count);
                FailActive(e);
            }

            Volatile.Write(ref activeCount, active.Count);
        }

        var shutDown = new ObjectDisposedException(nameof(GenerationModel), $"model {modelId} is shut down");
        FailActive(shutDown);
        while (incoming.Reader.TryRead(out var arrived))
        {
            waiting.Add(arrived);
        }

        while (waiting.TryTake(out var left))
        {
            Interlocked.Decrement(ref waitingCount);
            left.Fail(shutDown);
        }
    }

    /// <summary>Blocks the idle scheduler thread until a request arrives; false when shutting down.</summary>
    private bool WaitForWork()
    {
        if (waiting.Count > 0)
        {
            return true;
        }

        try
        {
            return incoming.Reader.WaitToReadAsync(stopping.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void FailActive(Exception error)
    {
        foreach (var sequence in active)
        {
            sequence.Fail(error);
            DisposeOwnCache(sequence);
        }

        active.Clear();
        batchCache?.Dispose();
        batchCache = null;
        membershipChanged = false;
    }

    private void DisposeOwnCache(Sequence sequence)
    {
        if (!ReferenceEquals(sequence.Cache.Source, batchCache))
        {
            sequence.Cache.Source?.Dispose();
        }
    }
}
