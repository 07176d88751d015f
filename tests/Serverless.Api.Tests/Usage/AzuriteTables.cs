using Azure.Core;
using Azure.Data.Tables;
using Serverless.Testing;

namespace Serverless.Api.Tests.Usage;

/// <summary>Table clients of a test's Azurite, as the API's stores take them.</summary>
public static class AzuriteTables
{
    /// <summary>A client of the Azurite, with <paramref name="calls"/> (when given) seeing every attempt it makes.</summary>
    public static TableServiceClient Tables(this AzuriteFixture azurite, StorageCalls? calls = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        if (calls is not null)
        {
            options.AddPolicy(calls, HttpPipelinePosition.PerRetry);
        }

        return new TableServiceClient(azurite.ConnectionString, options);
    }
}
