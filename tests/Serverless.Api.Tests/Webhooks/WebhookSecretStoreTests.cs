using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Api.KeyRing;
using Serverless.Api.Tests.Usage;
using Serverless.Api.Webhooks;
using Serverless.Testing;

namespace Serverless.Api.Tests.Webhooks;

/// <summary>
/// Each key's webhook secrets against a real Azurite, encrypted with the Data Protection key ring the API keeps in
/// Blob storage: issued, rotated with the previous one signing for the grace period, dropped, and the legacy
/// deployment-wide secret for keys made before.
/// </summary>
public sealed class WebhookSecretStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Legacy = "whsec_bGVnYWN5LWRlcGxveW1lbnQtd2lkZS1zZWNyZXQ=";
    private readonly string container = "ring-" + Guid.NewGuid().ToString("N")[..12];
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly List<ServiceProvider> providers = [];

    [Fact]
    public async Task Create_IssuesAWhsecSecret_ThatAloneSigns()
    {
        var store = Store();
        var id = NewKeyId();

        var secret = await store.CreateAsync(id, CancellationToken.None);

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal([secret], await store.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Rotate_BothSign_UntilTheGracePeriodEnds_ThenOnlyTheNewOne()
    {
        var store = Store();
        var id = NewKeyId();
        var first = await store.CreateAsync(id, CancellationToken.None);

        var rotation = await store.RotateAsync(id, TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(time.GetUtcNow().AddHours(1), rotation.PreviousValidUntil);
        Assert.Equal([rotation.Secret, first], await store.GetAsync(id, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal([rotation.Secret], await store.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task DropPrevious_StopsTheReplacedSecretSigning_AtOnce()
    {
        var store = Store();
        var id = NewKeyId();
        await store.CreateAsync(id, CancellationToken.None);
        var rotation = await store.RotateAsync(id, TimeSpan.FromDays(1), CancellationToken.None);

        Assert.True(await store.DropPreviousAsync(id, CancellationToken.None));

        Assert.Equal([rotation.Secret], await store.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Rotate_WithZeroGrace_KeepsNoPreviousSecret()
    {
        var store = Store();
        var id = NewKeyId();
        await store.CreateAsync(id, CancellationToken.None);

        var rotation = await store.RotateAsync(id, TimeSpan.Zero, CancellationToken.None);

        Assert.Null(rotation.PreviousValidUntil);
        Assert.Equal([rotation.Secret], await store.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task KeyMadeBefore_IsSignedWithTheLegacySecret_UntilItsFirstRotation_WhichKeepsTheLegacyOneAsPrevious()
    {
        var store = Store();
        var signing = new WebhookSigningSecrets(store, Options.Create(new WebhookOptions { SigningSecret = Legacy }));
        var id = NewKeyId();

        Assert.Null(await store.GetAsync(id, CancellationToken.None));
        Assert.Equal([Legacy], await signing.ForKeyAsync(id, CancellationToken.None));
        Assert.False(await store.DropPreviousAsync(id, CancellationToken.None));

        var rotation = await store.RotateAsync(id, TimeSpan.FromHours(2), CancellationToken.None);

        Assert.Equal([rotation.Secret, Legacy], await signing.ForKeyAsync(id, CancellationToken.None));
        time.Advance(TimeSpan.FromHours(3));
        Assert.Equal([rotation.Secret], await signing.ForKeyAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task KeyWithItsOwnSecret_IsNeverSignedWithTheLegacyOne()
    {
        var store = Store();
        var signing = new WebhookSigningSecrets(store, Options.Create(new WebhookOptions { SigningSecret = Legacy }));
        var id = NewKeyId();
        var own = await store.CreateAsync(id, CancellationToken.None);

        Assert.Equal([own], await signing.ForKeyAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task StoredRow_HoldsCiphertextOnly_BoundToItsKey()
    {
        var store = Store();
        var (a, b) = (NewKeyId(), NewKeyId());
        var secretA = await store.CreateAsync(a, CancellationToken.None);
        await store.CreateAsync(b, CancellationToken.None);
        var table = azurite.Tables().GetTableClient(WebhookSecretStore.TableName);

        var rowA = (await table.GetEntityAsync<TableEntity>(a, string.Empty)).Value;
        var ciphertext = rowA.GetString("Current");
        Assert.DoesNotContain(secretA["whsec_".Length..], ciphertext, StringComparison.Ordinal);

        // A's ciphertext pasted into B's row does not open as B's secret: each is protected under its key's id.
        var rowB = (await table.GetEntityAsync<TableEntity>(b, string.Empty)).Value;
        rowB["Current"] = ciphertext;
        await table.UpdateEntityAsync(rowB, rowB.ETag, TableUpdateMode.Replace);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.GetAsync(b, CancellationToken.None));
    }

    [Fact]
    public async Task KeyRing_IsKeptInBlobStorage_SoAnotherInstanceOpensWhatThisOneSealed()
    {
        var id = NewKeyId();
        var secret = await Store().CreateAsync(id, CancellationToken.None);

        // A second host (its own DI container, nothing in memory shared) reads the ring from the blob.
        var other = Store();

        Assert.Equal([secret], await other.GetAsync(id, CancellationToken.None));
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container).GetBlobClient("keys.xml");
        Assert.Contains("<key ", (await blob.DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var provider in providers)
        {
            provider.Dispose();
        }
    }

    private static string NewKeyId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private WebhookSecretStore Store()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["KeyRing:Container"] = container,
        }).Build();
        var provider = new ServiceCollection().AddLogging().AddServerlessKeyRing(configuration).BuildServiceProvider();
        providers.Add(provider);
        return new WebhookSecretStore(
            azurite.Tables(), provider.GetRequiredService<IDataProtectionProvider>(), Options.Create(new WebhookOptions { SigningSecret = Legacy }), time);
    }
}
