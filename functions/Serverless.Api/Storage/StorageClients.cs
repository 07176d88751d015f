using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Serverless.Jobs;

namespace Serverless.Api.Storage;

/// <summary>
/// The API's table clients: the account from the <c>AzureWebJobsStorage</c> setting as <see cref="StorageAccount"/>
/// reads it (for both hosts and the worker), with the API's own client options: few, quick retries, and a policy
/// that sees every attempt.
/// </summary>
public static class StorageClients
{
    /// <summary>The table service of the configured account; <paramref name="perRetryPolicy"/>, if given, sees every HTTP attempt (the call counter).</summary>
    public static TableServiceClient CreateTableService(IConfiguration configuration, HttpPipelinePolicy? perRetryPolicy = null) =>
        StorageAccount.CreateTableService(configuration, Options(perRetryPolicy));

    /// <summary>Few, quick retries: a request waits on these calls, and storage trouble must fail closed quickly.</summary>
    private static TableClientOptions Options(HttpPipelinePolicy? perRetryPolicy)
    {
        var options = new TableClientOptions();
        if (perRetryPolicy is not null)
        {
            options.AddPolicy(perRetryPolicy, HttpPipelinePosition.PerRetry);
        }

        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return options;
    }
}
