using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Serverless.Api.Storage;

/// <summary>
/// Builds the Azure Storage clients from the <c>AzureWebJobsStorage</c> setting the Functions host itself uses:
/// a connection string locally (Azurite), or identity-based <c>AzureWebJobsStorage__tableServiceUri</c> (and
/// <c>__credential</c> / <c>__clientId</c>) in Azure, where shared keys are off.
/// </summary>
public static class StorageClients
{
    /// <summary>The setting (section) name, shared with the Functions host.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    /// <summary>The table service of the configured account; <paramref name="perRetryPolicy"/>, if given, sees every HTTP attempt (the call counter).</summary>
    public static TableServiceClient CreateTableService(IConfiguration configuration, HttpPipelinePolicy? perRetryPolicy = null)
    {
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new TableServiceClient(section.Value, Options(perRetryPolicy));
        }

        var uri = section["tableServiceUri"]
            ?? (section["accountName"] is { Length: > 0 } account ? $"https://{account}.table.core.windows.net" : null)
            ?? throw new InvalidOperationException($"Set {SettingName} (a connection string) or {SettingName}__tableServiceUri.");
        return new TableServiceClient(new Uri(uri), Credential(section), Options(perRetryPolicy));
    }

    /// <summary>The identity the storage clients use (a managed identity in Azure), for other Azure services the API calls as itself.</summary>
    public static TokenCredential CredentialOf(IConfiguration configuration) => Credential(configuration.GetSection(SettingName));

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

    private static TokenCredential Credential(IConfigurationSection section) =>
        string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
}
