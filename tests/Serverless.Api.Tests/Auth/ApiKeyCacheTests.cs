using Microsoft.Extensions.Options;
using Serverless.Api.Auth;
using Serverless.Api.Keys;
using Serverless.Api.Tests.Usage;
using Serverless.Testing;

namespace Serverless.Api.Tests.Auth;

/// <summary>The key cache on a real Azurite: a flood of made-up keys is bounded and never pushes out a valid key.</summary>
public sealed class ApiKeyCacheTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Pepper = "pepper-0123456789abcdef";

    [Fact]
    public async Task FloodOfUnknownKeys_StaysBounded_AndKeepsTheValidKeyCached()
    {
        var options = Options.Create(new AuthOptions { KeyPepper = Pepper, CacheTtl = TimeSpan.FromMinutes(5) });
        var store = new ApiKeyStore(azurite.Tables(), options, TimeProvider.System);
        var (_, secret) = await store.CreateAsync(
            new NewApiKey("valid", "tenant-cache", Role.User, [], null, [], "default", null, null, new Dictionary<string, string>()), default);
        var cache = new ApiKeyCache(store, options, TimeProvider.System, maxMissing: 50);
        Assert.NotNull(await cache.FindAsync(Hash(secret), default));

        for (var i = 0; i < 200; i++)
        {
            Assert.Null(await cache.FindAsync(Hash(ApiKeySecrets.Generate()), default));
            Assert.InRange(cache.Count.Missing, 1, 50);
        }

        Assert.True(cache.TryGetCached(Hash(secret), out var key));
        Assert.NotNull(key);
        Assert.Equal(1, cache.Count.Found);
    }

    [Fact]
    public async Task UnknownKey_IsRememberedAsUnknown_UntilItsEntryExpires()
    {
        var options = Options.Create(new AuthOptions { KeyPepper = Pepper, CacheTtl = TimeSpan.FromMinutes(5) });
        var cache = new ApiKeyCache(new ApiKeyStore(azurite.Tables(), options, TimeProvider.System), options, TimeProvider.System);
        var unknown = Hash(ApiKeySecrets.Generate());

        Assert.False(cache.TryGetCached(unknown, out _));
        Assert.Null(await cache.FindAsync(unknown, default));

        Assert.True(cache.TryGetCached(unknown, out var key));
        Assert.Null(key);
    }

    private static string Hash(string secret) => ApiKeySecrets.Hash(secret, Pepper);
}
