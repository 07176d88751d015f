using Serverless.Testing;

namespace Serverless.EndToEnd.Tests;

/// <summary>Reads the spans a service printed with OpenTelemetry's console exporter (<c>--Telemetry:ConsoleExporter true</c>).</summary>
internal static class Spans
{
    /// <summary>
    /// The fields (<c>Activity.*</c> without the prefix) and tags of the first span of <paramref name="traceId"/>
    /// that <paramref name="service"/> printed and <paramref name="match"/> accepts, waiting up to 10 s for it.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> FindAsync(ServiceProcess service, string traceId, Func<IReadOnlyDictionary<string, string>, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var span = Parse(service.Output).FirstOrDefault(s => s.GetValueOrDefault("TraceId") == traceId && match(s));
            if (span is not null)
            {
                return span;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"no such span of trace {traceId} in:\n{service.Output}");
    }

    private static IEnumerable<Dictionary<string, string>> Parse(string output)
    {
        Dictionary<string, string>? span = null;
        var inTags = false;
        foreach (var line in output.Split('\n'))
        {
            const string Prefix = "Activity.";
            if (inTags && span is not null && line.StartsWith("    ", StringComparison.Ordinal) && line.IndexOf(": ", StringComparison.Ordinal) is > 0 and var separator)
            {
                span.TryAdd(line[..separator].Trim(), line[(separator + 2)..].Trim());
                continue;
            }

            inTags = false;
            if (!line.StartsWith(Prefix, StringComparison.Ordinal) || line.IndexOf(':', StringComparison.Ordinal) is var colon && colon < 0)
            {
                continue;
            }

            var (name, value) = (line[Prefix.Length..colon], line[(colon + 1)..].Trim());
            if (name == "TraceId")
            {
                if (span is not null)
                {
                    yield return span;
                }

                span = [];
            }

            inTags = name == "Tags";
            span?.TryAdd(name, value);
        }

        if (span is not null)
        {
            yield return span;
        }
    }
}
