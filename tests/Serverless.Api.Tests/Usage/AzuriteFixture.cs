using Azure.Core;
using Azure.Data.Tables;
using Serverless.Testing;

namespace Serverless.Api.Tests.Usage;

/// <summary>One real Azurite for a test class; tests keep apart by using their own owners.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? azurite;

    /// <summary>The connection string of the running Azurite.</summary>
    public string ConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("not started");

    /// <summary>A client of the Azurite, with <paramref name="calls"/> (when given) seeing every attempt it makes.</summary>
    public TableServiceClient Tables(StorageCalls? calls = null)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        if (calls is not null)
        {
            options.AddPolicy(calls, HttpPipelinePosition.PerRetry);
        }

        return new TableServiceClient(ConnectionString, options);
    }

    public async Task InitializeAsync() => azurite = await Azurite.StartAsync();

    public async Task DisposeAsync() => await azurite!.DisposeAsync();
}
