using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Jobs;

namespace Serverless.Api.KeyRing;

/// <summary>The Data Protection part of the API's DI: a key ring in Blob storage, wrapped by Key Vault where configured.</summary>
public static class KeyRingServiceCollectionExtensions
{
    /// <summary>Registers Data Protection with the key ring <see cref="KeyRingOptions"/> describes.</summary>
    public static IServiceCollection AddServerlessKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(KeyRingOptions.SectionName);
        services.AddOptions<KeyRingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(_ => StorageAccount.CreateBlobService(configuration));
        services.AddDataProtection().SetApplicationName(section.Get<KeyRingOptions>()?.ApplicationName ?? new KeyRingOptions().ApplicationName);

        // The wrapper is registered only with a Key Vault key: a ring whose keys say they need it then fails closed.
        if (section.Get<KeyRingOptions>()?.KeyVaultKeyId is not null)
        {
            services.AddHttpClient(nameof(KeyVaultKeyWrapper), http => http.Timeout = TimeSpan.FromSeconds(30));
            services.TryAddSingleton(provider => new KeyVaultKeyWrapper(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(KeyVaultKeyWrapper)),
                StorageAccount.CredentialOf(configuration)));
        }

        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(keys =>
        {
            var ring = provider.GetRequiredService<IOptions<KeyRingOptions>>().Value;
            var container = provider.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient(ring.Container);
            keys.XmlRepository = new BlobXmlRepository(container, ring.Blob);
            if (ring.KeyVaultKeyId is { } keyId)
            {
                keys.XmlEncryptor = new KeyVaultXmlEncryptor(provider.GetRequiredService<KeyVaultKeyWrapper>(), keyId);
            }
        }));
        return services;
    }
}
