using Microsoft.Extensions.Logging;

namespace Serverless.ModelBuilder.Tests;

/// <summary>Keeps every log entry so tests can assert on event ids.</summary>
public sealed class ListLogger : ILogger
{
    private readonly List<(EventId Event, string Message)> entries = [];

    public IReadOnlyList<(EventId Event, string Message)> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (entries)
        {
            entries.Add((eventId, formatter(state, exception)));
        }
    }
}
