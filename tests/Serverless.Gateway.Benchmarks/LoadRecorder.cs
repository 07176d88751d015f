using System.Diagnostics;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// Records every request of a timed load run by the minute it started in, so a minute can be reported once all its
/// requests have ended and any stretch of the run can be compared with another.
/// </summary>
internal sealed class LoadRecorder
{
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly List<Sample>[] minutes;
    private readonly int[] sent;
    private readonly int[] late;

    public LoadRecorder(TimeSpan length)
    {
        Length = length;
        var count = (int)Math.Ceiling(length.TotalMinutes);
        minutes = [.. Enumerable.Range(0, count).Select(_ => new List<Sample>())];
        sent = new int[count];
        late = new int[count];
    }

    /// <summary>How long the run lasts.</summary>
    public TimeSpan Length { get; }

    /// <summary>The run's minutes (the last may be partial).</summary>
    public int Minutes => minutes.Length;

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(started);

    /// <summary>Notes a request starting at <paramref name="seconds"/> into the run; <paramref name="wasLate"/> if it started after its turn.</summary>
    public void Started(double seconds, bool wasLate)
    {
        var minute = MinuteOf(seconds);
        Interlocked.Increment(ref sent[minute]);
        if (wasLate)
        {
            Interlocked.Increment(ref late[minute]);
        }
    }

    /// <summary>Notes a request's end.</summary>
    public void Ended(Sample sample)
    {
        var list = minutes[MinuteOf(sample.StartSeconds)];
        lock (list)
        {
            list.Add(sample);
        }
    }

    /// <summary>Waits until every request started in <paramref name="minute"/> has ended, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForMinuteAsync(int minute, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (Ended(minute) < Volatile.Read(ref sent[minute]) && waited.Elapsed < timeout)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>The figures of one minute.</summary>
    public WindowFigures Minute(int minute) =>
        WindowFigures.Of(Snapshot(minute), sent[minute], late[minute], Math.Min(60, Length.TotalSeconds - (minute * 60.0)));

    /// <summary>The figures of the requests that started between <paramref name="from"/> and <paramref name="to"/> seconds into the run.</summary>
    public WindowFigures Window(double from, double to)
    {
        var samples = Enumerable.Range(0, Minutes).SelectMany(Snapshot).Where(s => s.StartSeconds >= from && s.StartSeconds < to).ToList();
        return WindowFigures.Of(samples, samples.Count, 0, to - from);
    }

    /// <summary>The figures of the whole run.</summary>
    public WindowFigures Total() =>
        WindowFigures.Of([.. Enumerable.Range(0, Minutes).SelectMany(Snapshot)], sent.Sum(), late.Sum(), Length.TotalSeconds);

    private int MinuteOf(double seconds) => Math.Clamp((int)(seconds / 60), 0, minutes.Length - 1);

    private int Ended(int minute)
    {
        lock (minutes[minute])
        {
            return minutes[minute].Count;
        }
    }

    private List<Sample> Snapshot(int minute)
    {
        lock (minutes[minute])
        {
            return [.. minutes[minute]];
        }
    }
}
