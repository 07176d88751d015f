namespace Serverless.Infra.Tests.Template;

/// <summary>The resource types the deployment is made of.</summary>
internal static class ResourceTypes
{
    public const string StorageAccount = "Microsoft.Storage/storageAccounts";
    public const string Queue = "Microsoft.Storage/storageAccounts/queueServices/queues";
    public const string BlobContainer = "Microsoft.Storage/storageAccounts/blobServices/containers";
    public const string Table = "Microsoft.Storage/storageAccounts/tableServices/tables";
    public const string Plan = "Microsoft.Web/serverfarms";
    public const string Site = "Microsoft.Web/sites";
    public const string PublishingCredentials = "Microsoft.Web/sites/basicPublishingCredentialsPolicies";
    public const string KeyVault = "Microsoft.KeyVault/vaults";
    public const string KeyVaultKey = "Microsoft.KeyVault/vaults/keys";
    public const string LogAnalytics = "Microsoft.OperationalInsights/workspaces";
    public const string ApplicationInsights = "Microsoft.Insights/components";
    public const string Registry = "Microsoft.ContainerRegistry/registries";
    public const string ManagedEnvironment = "Microsoft.App/managedEnvironments";
    public const string ContainerApp = "Microsoft.App/containerApps";
    public const string Job = "Microsoft.App/jobs";
    public const string Identity = "Microsoft.ManagedIdentity/userAssignedIdentities";
    public const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    public const string ScheduledQueryRule = "Microsoft.Insights/scheduledQueryRules";
    public const string VirtualNetwork = "Microsoft.Network/virtualNetworks";
    public const string PrivateDnsZone = "Microsoft.Network/privateDnsZones";
}
