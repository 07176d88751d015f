using Serverless.Api.Auth;
using Serverless.Jobs;
using Serverless.Telemetry;

namespace Serverless.Infra.Tests.Settings;

/// <summary>
/// Settings the deployment may set that no options class binds, because the platform reads them: keep each list
/// short and say who reads every entry. Anything else a deployment sets must be an options property.
/// </summary>
internal static class PlatformSettings
{
    /// <summary>The Functions app's settings read by the Functions host (for storage, the API's StorageClients too), or by the API as flat settings.</summary>
    public static IReadOnlySet<string> FunctionApp { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "FUNCTIONS_EXTENSION_VERSION", // the host's major version
        "FUNCTIONS_WORKER_RUNTIME", // dotnet-isolated
        "AzureWebJobsStorage__accountName", // host storage (and StorageClients' tables) through the app's identity...
        "AzureWebJobsStorage__credential", // ...a managed identity...
        "AzureWebJobsStorage__clientId", // ...the user-assigned one
        "APPLICATIONINSIGHTS_CONNECTION_STRING", // where the host sends telemetry...
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", // ...authenticated with Microsoft Entra ID
        "WEBSITE_RUN_FROM_PACKAGE", // App Service: the package blob the app runs from...
        "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", // ...fetched with this identity
        CallerAuthenticator.BootstrapKeySetting, // the API: the bootstrap admin key, read as a flat setting
        "Auth__BootstrapKeyEnabled", // the API: AuthOptions.BootstrapKeyEnabled, which a parallel change adds; once it is in, the options class reads it and this entry can go
    };

    /// <summary>The worker container's settings read by ASP.NET Core hosting, or by the job mode as flat settings.</summary>
    public static IReadOnlySet<string> Worker { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "URLS", // the listen address (gpu-worker/Dockerfile sets it)
        $"{StorageAccount.SettingName}__accountName", // job mode: Serverless.Jobs.StorageAccount's storage account...
        $"{StorageAccount.SettingName}__credential", // ...reached with a managed identity...
        $"{StorageAccount.SettingName}__clientId", // ...the job's user-assigned one
        "APPLICATIONINSIGHTS_CONNECTION_STRING", // Serverless.Telemetry: where spans and metrics go...
        AzureMonitorAuthentication.SettingName, // ...authenticated with Microsoft Entra ID as this identity
    };
}
