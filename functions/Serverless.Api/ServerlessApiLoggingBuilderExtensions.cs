using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Serverless.Api.Telemetry;

namespace Serverless.Api;

/// <summary>The local host's console logging: request log entries as the seed's JSON lines, the rest as usual.</summary>
public static class ServerlessApiLoggingBuilderExtensions
{
    /// <summary>Writes the console through <see cref="RequestLogConsoleFormatter"/>.</summary>
    public static ILoggingBuilder AddServerlessConsole(this ILoggingBuilder builder) =>
        builder
            .AddConsole(options => options.FormatterName = RequestLogConsoleFormatter.FormatterName)
            .AddConsoleFormatter<RequestLogConsoleFormatter, ConsoleFormatterOptions>();
}
