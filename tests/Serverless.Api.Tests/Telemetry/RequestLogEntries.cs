using Microsoft.Extensions.Logging;
using Serverless.Api.Telemetry;

namespace Serverless.Api.Tests.Telemetry;

/// <summary>A logger provider that keeps the fields of every request log entry, as a structured sink would receive them.</summary>
public sealed class RequestLogEntries : ILoggerProvider
{
    private readonly List<IReadOnlyDictionary<string, object?>> entries = [];

    /// <summary>The entries so far, each as its field names and values.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>The entry of the request with id <paramref name="requestId"/>.</summary>
    public IReadOnlyDictionary<string, object?> Of(string requestId) =>
        Entries.Single(e => e.TryGetValue("request_id", out var id) && (string?)id == requestId);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName == RequestLog.Category ? this : null);

    public void Dispose()
    {
    }

    private sealed class Logger(RequestLogEntries? owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => owner is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner is not null && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                lock (owner.entries)
                {
                    owner.entries.Add(fields.ToDictionary(f => f.Key, f => f.Value));
                }
            }
        }
    }
}
