using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Serverless.Jobs;

/// <summary>
/// Storage clients from the <c>AzureWebJobsStorage</c> setting, as the Functions host reads it: a connection string
/// (Azurite), or identity-based <c>__queueServiceUri</c> / <c>__blobServiceUri</c> / <c>__tableServiceUri</c>.
/// Queue clients encode messages in Base64, because that is what the Functions queue trigger expects.
/// </summary>
public static class StorageAccount
{
    /// <summary>The setting (section) name, shared with the Functions host.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    /// <summary>The queue service, Base64 messages.</summary>
    public static QueueServiceClient CreateQueueService(IConfiguration configuration)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        var section = configuration.GetSection(SettingName);
        return string.IsNullOrWhiteSpace(section.Value)
            ? new QueueServiceClient(ServiceUri(section, "queue"), Credential(section), options)
            : new QueueServiceClient(section.Value, options);
    }

    /// <summary>The blob service.</summary>
    public static BlobServiceClient CreateBlobService(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        return string.IsNullOrWhiteSpace(section.Value)
            ? new BlobServiceClient(ServiceUri(section, "blob"), Credential(section))
            : new BlobServiceClient(section.Value);
    }

    /// <summary>The table service, with the SDK's default client options unless <paramref name="options"/> are given.</summary>
    public static TableServiceClient CreateTableService(IConfiguration configuration, TableClientOptions? options = null)
    {
        var section = configuration.GetSection(SettingName);
        return string.IsNullOrWhiteSpace(section.Value)
            ? new TableServiceClient(ServiceUri(section, "table"), Credential(section), options)
            : new TableServiceClient(section.Value, options);
    }

    /// <summary>The identity the storage clients use (a managed identity in Azure), for other Azure services called as the same identity.</summary>
    public static TokenCredential CredentialOf(IConfiguration configuration) => Credential(configuration.GetSection(SettingName));

    private static Uri ServiceUri(IConfigurationSection section, string service) =>
        new(section[$"{service}ServiceUri"]
            ?? (section["accountName"] is { Length: > 0 } account ? $"https://{account}.{service}.core.windows.net" : null)
            ?? throw new InvalidOperationException($"Set {SettingName} (a connection string) or {SettingName}__{service}ServiceUri."));

    private static TokenCredential Credential(IConfigurationSection section) =>
        string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
}
