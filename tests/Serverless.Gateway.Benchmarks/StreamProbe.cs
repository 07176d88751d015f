using System.Diagnostics;
using System.Text;

namespace Serverless.Gateway.Benchmarks;

/// <summary>Streams completions and records time to first content event and the gaps between content events.</summary>
internal static class StreamProbe
{
    public static async Task<(double[] FirstTokenMs, double[] GapMs)> RunAsync(HttpClient http, string body, int streams)
    {
        var first = new List<double>(streams);
        var gaps = new List<double>(streams * 32);
        for (var i = 0; i < streams; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            long? last = null;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data: {", StringComparison.Ordinal) || line.Contains("\"role\"", StringComparison.Ordinal))
                {
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                if (last is null)
                {
                    first.Add(Stopwatch.GetElapsedTime(started, now).TotalMilliseconds);
                }
                else
                {
                    gaps.Add(Stopwatch.GetElapsedTime(last.Value, now).TotalMilliseconds);
                }

                last = now;
            }
        }

        var firstSorted = first.ToArray();
        var gapsSorted = gaps.ToArray();
        Array.Sort(firstSorted);
        Array.Sort(gapsSorted);
        return (firstSorted, gapsSorted);
    }
}
