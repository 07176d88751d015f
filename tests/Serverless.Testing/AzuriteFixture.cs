using Xunit;

namespace Serverless.Testing;

/// <summary>One real Azurite for a test class (or collection); tests keep apart by using their own owners, ids or queues.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? azurite;

    /// <summary>The connection string of the running Azurite.</summary>
    public string ConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("not started");

    /// <inheritdoc />
    public async Task InitializeAsync() => azurite = await Azurite.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await azurite!.DisposeAsync();
}
