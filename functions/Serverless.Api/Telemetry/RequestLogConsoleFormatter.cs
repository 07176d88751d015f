using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Serverless.Api.Telemetry;

/// <summary>
/// The local host's console format: a request log entry is one JSON line with the seed's fields and nothing else
/// (what a log shipper reading stdout wants); every other entry reads as the default simple format does.
/// </summary>
internal sealed class RequestLogConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The name the console logger selects this formatter by.</summary>
    public const string FormatterName = "serverless";

    private const string Padding = "      ";

    private const string OriginalFormat = "{OriginalFormat}";

    // Log lines are not HTML: keep non-ASCII and '+' readable instead of \u-escaping them.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        if (logEntry.Category == RequestLog.Category && logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            textWriter.Write(ToJson(fields));
            textWriter.Write('\n');
            return;
        }

        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var text = new StringBuilder();
        text.Append(LevelName(logEntry.LogLevel)).Append(": ").Append(logEntry.Category).Append('[').Append(logEntry.EventId.Id).Append("]\n");
        AppendPadded(text, message);
        if (logEntry.Exception is not null)
        {
            AppendPadded(text, logEntry.Exception.ToString());
        }

        textWriter.Write(text.ToString());
    }

    /// <summary>The entry's fields as a JSON object, in the order the message template names them, without the template.</summary>
    internal static string ToJson(IReadOnlyList<KeyValuePair<string, object?>> fields)
    {
        // The generated state lists its values in no documented order; the template's order is the seed's.
        var template = fields.FirstOrDefault(f => f.Key == OriginalFormat).Value as string ?? string.Empty;
        var ordered = fields
            .Where(f => f.Key != OriginalFormat)
            .OrderBy(f => PositionIn(template, f.Key));
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            foreach (var (name, value) in ordered)
            {

                switch (value)
                {
                    case null:
                        json.WriteNull(name);
                        break;
                    case int number:
                        json.WriteNumber(name, number);
                        break;
                    case long number:
                        json.WriteNumber(name, number);
                        break;
                    case double number:
                        json.WriteNumber(name, number);
                        break;
                    case bool flag:
                        json.WriteBoolean(name, flag);
                        break;
                    default:
                        json.WriteString(name, value.ToString());
                        break;
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Where <c>{name}</c> (or <c>{name:format}</c>, <c>{name,width}</c>) first appears in the template; unnamed ones last.</summary>
    private static int PositionIn(string template, string name)
    {
        for (var at = template.IndexOf("{" + name, StringComparison.Ordinal); at >= 0; at = template.IndexOf("{" + name, at + 1, StringComparison.Ordinal))
        {
            var next = at + name.Length + 1;
            if (next < template.Length && template[next] is '}' or ':' or ',')
            {
                return at;
            }
        }

        return int.MaxValue;
    }

    private static void AppendPadded(StringBuilder text, string message)
    {
        text.Append(Padding).Append(message.ReplaceLineEndings("\n" + Padding)).Append('\n');
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
