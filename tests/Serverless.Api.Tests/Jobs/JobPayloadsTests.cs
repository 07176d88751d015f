using Azure.Storage.Blobs;
using Serverless.Api.Tests.Usage;
using Serverless.Jobs;
using Serverless.Testing;

namespace Serverless.Api.Tests.Jobs;

/// <summary>Job bodies on a real Azurite: small ones stay in the row, large ones go to a blob and come back whole.</summary>
public sealed class JobPayloadsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SmallBody_StaysInTheRow()
    {
        var payloads = new JobPayloads(new BlobServiceClient(azurite.ConnectionString));

        var (inline, blob) = await payloads.StoreAsync("job_small", "result", """{"choices":[]}""", CancellationToken.None);

        Assert.Equal("""{"choices":[]}""", inline);
        Assert.Null(blob);
        Assert.Equal(inline, await payloads.LoadAsync(inline, blob, CancellationToken.None));
    }

    [Fact]
    public async Task BodyOverTheRowLimit_GoesToABlobNamedAfterTheJob_AndLoadsBackWhole()
    {
        var payloads = new JobPayloads(new BlobServiceClient(azurite.ConnectionString));
        var large = "{\"text\":\"" + new string('é', JobPayloads.MaxInlineChars) + "\"}";

        var (inline, blob) = await payloads.StoreAsync("job_large", "result", large, CancellationToken.None);

        Assert.Null(inline);
        Assert.Equal("job_large/result.json", blob);
        Assert.Equal(large, await payloads.LoadAsync(inline, blob, CancellationToken.None));
        Assert.Null(await payloads.LoadAsync(null, "job_missing/result.json", CancellationToken.None));
    }
}
