using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serverless.Api.Prices;
using Serverless.Api.Tests.Usage;
using Serverless.Testing;

namespace Serverless.Api.Tests.Prices;

/// <summary>The price table and its cache against a real Azurite, with two instances sharing the table.</summary>
public sealed class PriceTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
    private readonly string model = "model-" + Guid.NewGuid().ToString("N")[..8];

    private PriceTable NewInstance(StorageCalls? calls = null) => new(azurite.Tables(calls), time, NullLogger<PriceTable>.Instance);

    [Fact]
    public async Task AModelWithNoPrice_CostsNothing()
    {
        var price = await NewInstance().GetAsync(model, CancellationToken.None);

        Assert.Equal(ModelPrice.Free(model), price);
    }

    [Fact]
    public async Task AnAdminChange_ShowsAtOnceHere_AndWithinTheCacheTtlOnOtherInstances()
    {
        var here = NewInstance();
        var there = NewInstance();
        Assert.Equal(0m, (await there.GetAsync(model, CancellationToken.None)).InputPer1K);

        await here.PutAsync(new ModelPrice(model, 0.5m, 1.5m), CancellationToken.None);

        Assert.Equal(new ModelPrice(model, 0.5m, 1.5m), await here.GetAsync(model, CancellationToken.None));
        Assert.Equal(0m, (await there.GetAsync(model, CancellationToken.None)).InputPer1K);
        time.Advance(PriceTable.CacheTtl);
        Assert.Equal(new ModelPrice(model, 0.5m, 1.5m), await there.GetAsync(model, CancellationToken.None));
    }

    [Fact]
    public async Task WithinTheTtl_PricesCostNoStorageCall()
    {
        var calls = new StorageCalls();
        var table = NewInstance(calls);
        await table.GetAsync(model, CancellationToken.None);
        var afterLoad = calls.Count;

        for (var i = 0; i < 1000; i++)
        {
            await table.GetAsync(i % 2 == 0 ? model : "another", CancellationToken.None);
        }

        Assert.Equal(afterLoad, calls.Count);
    }

    [Fact]
    public async Task StorageDown_KeepsTheLoadedPrices_AndRetriesLater()
    {
        var calls = new StorageCalls();
        var table = NewInstance(calls);
        await table.PutAsync(new ModelPrice(model, 2m, 3m), CancellationToken.None);
        await table.GetAsync(model, CancellationToken.None);

        calls.Down = true;
        time.Advance(PriceTable.CacheTtl);
        var stale = await table.GetAsync(model, CancellationToken.None);
        calls.Down = false;
        await NewInstance().PutAsync(new ModelPrice(model, 4m, 5m), CancellationToken.None);
        time.Advance(PriceTable.RetryAfterFailure);
        var fresh = await table.GetAsync(model, CancellationToken.None);

        Assert.Equal(2m, stale.InputPer1K);
        Assert.Equal(4m, fresh.InputPer1K);
    }

    [Fact]
    public async Task StorageDown_WithNothingLoaded_Throws_SoCallersFailClosed()
    {
        var calls = new StorageCalls { Down = true };

        await Assert.ThrowsAnyAsync<Exception>(() => NewInstance(calls).GetAsync(model, CancellationToken.None));
    }

    [Fact]
    public async Task Prices_RoundTripExactly_ForAnyModelId()
    {
        var table = NewInstance();
        var odd = "org/" + model + ":q4 #1?";

        await table.PutAsync(new ModelPrice(odd, 0.0000000001m, 999.9999999999m), CancellationToken.None);

        Assert.Equal(new ModelPrice(odd, 0.0000000001m, 999.9999999999m), (await table.FindAsync(odd, CancellationToken.None))?.Price);
        Assert.Contains(await table.ListAsync(CancellationToken.None), p => p.Price.Model == odd);
        Assert.True(await table.DeleteAsync(odd, CancellationToken.None));
        Assert.False(await table.DeleteAsync(odd, CancellationToken.None));
        Assert.Equal(0m, (await table.GetAsync(odd, CancellationToken.None)).OutputPer1K);
    }
}
