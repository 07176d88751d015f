using Microsoft.Extensions.Logging;

namespace Serverless.Api.Tests;

/// <summary>Keeps every log entry (event id, message, exception) so tests can assert on what the operator is told.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(EventId Event, string Message, Exception? Exception)> entries = [];

    public IReadOnlyList<(EventId Event, string Message, Exception? Exception)> Entries
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
        ArgumentNullException.ThrowIfNull(formatter);
        lock (entries)
        {
            entries.Add((eventId, formatter(state, exception), exception));
        }
    }
}
