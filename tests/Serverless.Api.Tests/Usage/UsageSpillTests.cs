using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Api.Usage;

namespace Serverless.Api.Tests.Usage;

/// <summary>Spill files: what a stopping instance could not write is read back whole by the next, per storage account.</summary>
public sealed class UsageSpillTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "usage-spill-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(Events.Noon);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private UsageSpill Spill(string account = "http://127.0.0.1:10002/devstoreaccount1") =>
        new(new TableServiceClient(new Uri(account), new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[32]))),
            Options.Create(new UsageOptions { SpillPath = folder }), time, NullLogger<UsageSpill>.Instance);

    private static RollupMerge Merge(string writer, long seq, decimal cost) =>
        new(writer, "tenant-a", new DailyUsage(new DateOnly(2026, 3, 15), "gpt2-tiny", 10, 20, 3, 45, cost), seq);

    [Fact]
    public async Task Saved_ThenLoaded_GivesBackEveryMergeExactly_WithItsWriterAndNumber()
    {
        var spill = Spill();
        RollupMerge[] merges = [Merge("w1", 7, 0.000123456789m), Merge("w1", 9, 0m), Merge("w0", 2, 12.5m)];

        var file = await spill.SaveAsync(merges, "w1");
        var (files, loaded) = await Spill().LoadAsync(CancellationToken.None);

        Assert.Equal([file], files);
        Assert.Equal(merges, loaded);
    }

    [Fact]
    public async Task AnotherStorageAccount_NeverSeesTheSpill()
    {
        await Spill().SaveAsync([Merge("w1", 1, 1m)], "w1");

        var (files, loaded) = await Spill("http://127.0.0.1:20002/devstoreaccount1").LoadAsync(CancellationToken.None);

        Assert.Empty(files);
        Assert.Empty(loaded);
    }

    [Fact]
    public async Task AnUnreadableFile_IsSetAside_AndTheOthersStillLoad()
    {
        var spill = Spill();
        var good = await spill.SaveAsync([Merge("w1", 1, 1m)], "w1");
        var bad = Path.Combine(Path.GetDirectoryName(good)!, "0-broken.usage.json");
        await File.WriteAllTextAsync(bad, "{not json");

        var (files, loaded) = await spill.LoadAsync(CancellationToken.None);

        Assert.Equal([good], files);
        Assert.Single(loaded);
        Assert.True(File.Exists(bad + ".bad"));
    }
}
