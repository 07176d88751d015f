using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Serverless.Client.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that also records the due time of every timer made (each wait of the client's).</summary>
internal sealed class RecordingTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();

    public IReadOnlyList<TimeSpan> Waits => [.. waits];

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        waits.Enqueue(dueTime);
        return fake.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Advances the fake clock in small steps until <paramref name="task"/> completes (or a minute of fake time passes).</summary>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan step)
    {
        var limit = fake.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (!task.IsCompleted && fake.GetUtcNow() < limit)
        {
            await Task.Delay(1);
            fake.Advance(step);
        }

        return await task;
    }
}
