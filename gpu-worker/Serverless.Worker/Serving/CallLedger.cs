using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Serverless.Worker.Generation;

namespace Serverless.Worker.Serving;

/// <summary>
/// The generation calls of this worker by the id the gateway gives each (<see cref="Header"/>): running ones can be
/// stopped, and every one, running or ended within <see cref="KeepEndedFor"/>, reports what it generated. The gateway
/// asks when its caller went away or its wait timed out, so that work done is billed even though nobody read it.
/// </summary>
internal sealed class CallLedger(TimeProvider time)
{
    /// <summary>The request header that names a call.</summary>
    public const string Header = "x-call-id";

    /// <summary>How long an ended call can still be asked about.</summary>
    internal static readonly TimeSpan KeepEndedFor = TimeSpan.FromMinutes(2);

    private const int MaxIdLength = 64;
    private const int SweepEvery = 256;
    private readonly ConcurrentDictionary<string, Entry> calls = new(StringComparer.Ordinal);
    private int begun;

    /// <summary>Calls tracked now, running or recently ended.</summary>
    internal int Count => calls.Count;

    /// <summary>Starts a generation call for <paramref name="context"/>, tracked when the gateway named it.</summary>
    public GenerationCall Begin(HttpContext context, int promptTokens, int choices)
    {
        var call = new GenerationCall(promptTokens, choices, context.RequestAborted);
        if (context.Request.Headers[Header] is [{ Length: > 0 and <= MaxIdLength } id])
        {
            var entry = new Entry(call);
            calls[id] = entry;
            _ = call.Ended.ContinueWith(_ => entry.EndedAt = time.GetUtcNow(), TaskScheduler.Default);
        }

        if (Interlocked.Increment(ref begun) % SweepEvery == 0)
        {
            Sweep();
        }

        return call;
    }

    /// <summary>
    /// Stops call <paramref name="id"/> if it still runs and waits (at most <paramref name="wait"/>) for it to end;
    /// returns what it generated, or null for a call this worker does not know.
    /// </summary>
    public async Task<(int PromptTokens, int CompletionTokens, bool Stopped)?> StopAsync(string id, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!calls.TryGetValue(id, out var entry))
        {
            return null;
        }

        var call = entry.Call;
        var wasRunning = !call.Ended.IsCompleted;
        call.Cancel();
        try
        {
            await call.Ended.WaitAsync(wait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still unwinding: what it has reported so far is what it generated, within a step.
        }

        return (call.PromptTokens, call.CompletionTokens, wasRunning);
    }

    private void Sweep()
    {
        var before = time.GetUtcNow() - KeepEndedFor;
        foreach (var (id, entry) in calls)
        {
            if (entry.EndedAt is { } ended && ended < before)
            {
                calls.TryRemove(new KeyValuePair<string, Entry>(id, entry));
            }
        }
    }

    private sealed class Entry(GenerationCall call)
    {
        public GenerationCall Call { get; } = call;

        public DateTimeOffset? EndedAt { get; set; }
    }
}
