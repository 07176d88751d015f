using System.ComponentModel.DataAnnotations;

namespace Serverless.Api.KeyRing;

/// <summary>
/// Where the Data Protection key ring that encrypts stored secrets (each key's webhook secrets) lives, bound from
/// the <c>KeyRing</c> section: one blob in the <c>AzureWebJobsStorage</c> account, shared by every instance and
/// both hosts, its keys wrapped by a Key Vault key when <see cref="KeyVaultKeyId"/> is set (as it should be in Azure).
/// </summary>
public sealed class KeyRingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "KeyRing";

    /// <summary>The blob container of the key ring.</summary>
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$", ErrorMessage = "KeyRing:Container must be a valid blob container name.")]
    public string Container { get; set; } = "dataprotection";

    /// <summary>The blob that holds the key ring's XML.</summary>
    [MinLength(1)]
    public string Blob { get; set; } = "keys.xml";

    /// <summary>
    /// The Key Vault key (<c>https://{vault}.vault.azure.net/keys/{name}</c>, optionally with a version) that wraps
    /// each key of the ring, reached with the identity <c>AzureWebJobsStorage</c> uses (it needs wrap and unwrap,
    /// as the Key Vault Crypto User role gives). Unset, the ring's keys are stored as plain XML (fine on Azurite).
    /// </summary>
    public Uri? KeyVaultKeyId { get; set; }

    /// <summary>The name that isolates this application's keys; every host of one deployment must use the same.</summary>
    [MinLength(1)]
    public string ApplicationName { get; set; } = "serverless-llm-api";
}
