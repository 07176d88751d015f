using Serverless.Testing;

namespace Serverless.Gateway.Benchmarks;

/// <summary>
/// The local stack a load benchmark meters through: Azurite keeping its data in a fresh folder (so the store's
/// growth can be measured), the API host pointed at an upstream, and two user keys with limits far above any load
/// this machine can make, one to warm up with and one for the measured run, each its own owner so that the usage
/// API counts the measured run alone.
/// </summary>
internal sealed class MeteredStack : IAsyncDisposable
{
    private const string Limits = """{"rpm":100000000,"tpm":10000000000,"rpd":1000000000,"tpd":100000000000,"max_concurrency":100000}""";

    private readonly ApiSecrets secrets;

    private MeteredStack(string dataFolder, Azurite storage, ServiceProcess api, ApiSecrets secrets)
    {
        DataFolder = dataFolder;
        Storage = storage;
        Api = api;
        this.secrets = secrets;
    }

    /// <summary>Azurite's data folder.</summary>
    public string DataFolder { get; }

    public Azurite Storage { get; }

    public ServiceProcess Api { get; }

    /// <summary>The key the warm-up runs with (owner <c>bench-warm-up</c>).</summary>
    public string WarmUpKey { get; private set; } = string.Empty;

    /// <summary>The key the measured run uses (owner <c>bench-run</c>).</summary>
    public string RunKey { get; private set; } = string.Empty;

    /// <summary>Starts the stack; with <paramref name="responseCache"/> both keys opt in to the response cache, and <paramref name="settings"/> go to the API host.</summary>
    public static async Task<MeteredStack> StartAsync(Uri upstream, ApiSecrets? secrets = null, bool responseCache = false, params string[] settings)
    {
        var dataFolder = Directory.CreateTempSubdirectory("bench-azurite-").FullName;
        var storage = await Azurite.StartAsync(dataFolder);
        secrets ??= ApiSecrets.New();
        var api = await ServiceProcess.StartApiAsync(upstream, secrets.Environment(storage.ConnectionString), settings);
        var stack = new MeteredStack(dataFolder, storage, api, secrets);
        using var admin = new AdminClient(api.BaseUrl, secrets.AdminKey);
        var limits = responseCache ? Limits[..^1] + ""","response_cache":true}""" : Limits;
        (_, stack.WarmUpKey) = await admin.CreateKeyAsync($$"""{"name":"warm-up","owner":"bench-warm-up","role":"user","limits":{{limits}}}""");
        (_, stack.RunKey) = await admin.CreateKeyAsync($$"""{"name":"run","owner":"bench-run","role":"user","limits":{{limits}}}""");
        return stack;
    }

    /// <summary>Publishes <paramref name="model"/> in the catalog, served by two <c>worker</c> deployments at <paramref name="upstream"/>, and prices it.</summary>
    public async Task PutCatalogModelAsync(string model, Uri upstream)
    {
        using var admin = new AdminClient(Api.BaseUrl, secrets.AdminKey);
        using var put = await admin.SendAsync(HttpMethod.Put, $"v1/admin/models/{model}", $$"""
            {"capabilities":["chat","completion"],"context_length":1024,"deployments":[
              {"id":"a","kind":"worker","base_url":"{{upstream}}v1","model":"{{InstantAnswers.ModelId}}"},
              {"id":"b","kind":"worker","base_url":"{{upstream}}v1","model":"{{InstantAnswers.ModelId}}"}]}
            """);
        using var price = await admin.SendAsync(HttpMethod.Put, $"v1/admin/prices/{model}", """{"input_per_1k":0.001,"output_per_1k":0.002}""");
        if (!put.IsSuccessStatusCode || !price.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Publishing {model} failed: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()} / {(int)price.StatusCode}");
        }
    }

    /// <summary>A client of the API with <paramref name="key"/>, up to <paramref name="connections"/> connections and <paramref name="timeout"/> per request.</summary>
    public HttpClient Client(string key, int connections, TimeSpan timeout) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromHours(1) })
        {
            BaseAddress = Api.BaseUrl,
            Timeout = timeout,
            DefaultRequestHeaders = { Authorization = new("Bearer", key) },
        };

    /// <summary>A client of the API with the admin key (reads any owner's usage).</summary>
    public HttpClient AdminClient() => Client(secrets.AdminKey, 1, TimeSpan.FromMinutes(2));

    /// <summary>The API host's metrics now.</summary>
    public Task<PrometheusScrape> ScrapeMetricsAsync() => PrometheusScrape.GetAsync(Api.BaseUrl, bearer: secrets.MetricsToken);

    /// <summary>Says so if Azurite or the API host ended during the run: the figures after that are of a broken stack.</summary>
    public void PrintIfEnded()
    {
        if (Storage.HasExited)
        {
            Console.WriteLine("Azurite ended during the run");
        }

        if (Api.HasExited)
        {
            Console.WriteLine("the API host ended during the run; its last lines:\n" + string.Join('\n', Api.Output.Split('\n').TakeLast(20)));
        }
    }

    /// <summary>Prints the API host's last warnings and errors (the first line, the message, an exception's first line), to say why requests failed.</summary>
    public void PrintApiLog()
    {
        var lines = Api.Output.Split('\n');
        var entries = lines
            .Select((line, i) => (Line: line, Next: string.Join(' ', lines.Skip(i + 1).Take(2).Select(next => next.Trim()))))
            .Where(x => x.Line.StartsWith("warn: ", StringComparison.Ordinal) || x.Line.StartsWith("fail: ", StringComparison.Ordinal) || x.Line.StartsWith("crit: ", StringComparison.Ordinal))
            .TakeLast(10)
            .ToList();
        Console.WriteLine($"the API host's last {entries.Count} warnings and errors:");
        entries.ForEach(x => Console.WriteLine($"  {x.Line} {x.Next}"));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Storage.DisposeAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}
