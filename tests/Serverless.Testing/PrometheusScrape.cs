using System.Globalization;
using System.Net.Http.Headers;

namespace Serverless.Testing;

/// <summary>The samples of one Prometheus text-format scrape, for comparing figures before and after some traffic.</summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                samples.Add(ParseSample(line));
            }
        }
    }

    /// <summary>The scrape as served.</summary>
    public string Text { get; }

    /// <summary>The metric family names the scrape declares (its <c># TYPE</c> lines).</summary>
    public IReadOnlySet<string> Families => Text.Split('\n')
        .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
        .Select(l => l.Split(' ')[2])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>GETs <paramref name="path"/> (with <paramref name="bearer"/> if given) and parses the answer; throws unless it is 200.</summary>
    public static async Task<PrometheusScrape> GetAsync(Uri baseUrl, string path = "metrics", string? bearer = null)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"scraping {path} answered {(int)response.StatusCode}: {text}");
        }

        return new PrometheusScrape(text);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include all of <paramref name="labels"/> (<c>"key=value"</c>).</summary>
    public double Sum(string name, params string[] labels) => samples
        .Where(s => s.Name == name && labels.All(l =>
        {
            var (key, value) = (l[..l.IndexOf('=', StringComparison.Ordinal)], l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            return s.Labels.TryGetValue(key, out var actual) ? actual == value : value.Length == 0;
        }))
        .Sum(s => s.Value);

    private static (string, IReadOnlyDictionary<string, string>, double) ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.LastIndexOf(' ');
        var name = brace >= 0 ? line[..brace] : line[..space];
        if (brace >= 0)
        {
            var i = brace + 1;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var key = line[i..equals];
                var value = new System.Text.StringBuilder();
                i = equals + 2;
                for (; line[i] != '"'; i++)
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }
                }

                labels[key] = value.ToString();
                i++;
                if (line[i] == ',')
                {
                    i++;
                }
            }
        }

        var number = line[(space + 1)..];
        var parsed = number switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(number, CultureInfo.InvariantCulture),
        };
        return (name, labels, parsed);
    }
}
