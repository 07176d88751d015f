using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.KeyRing;

namespace Serverless.Api.Tests.KeyRing;

/// <summary>
/// The key ring's keys are sealed under a fresh AES key that only the Key Vault key unwraps: what is stored holds no
/// key material in the clear, and Data Protection opens it again through the vault.
/// </summary>
public sealed class KeyVaultXmlEncryptorTests : IDisposable
{
    private readonly FakeKeyVault vault = new();
    private readonly HttpClient http;

    public KeyVaultXmlEncryptorTests() => http = new HttpClient(vault);

    [Fact]
    public void Encrypt_StoresOnlyCiphertext_AndTheDecryptorOpensItThroughTheVault()
    {
        var wrapper = new KeyVaultKeyWrapper(http, vault.Credential);
        var secret = new XElement("masterKey", new XElement("value", "c2VjcmV0LWtleS1tYXRlcmlhbA=="));

        var sealedKey = new KeyVaultXmlEncryptor(wrapper, vault.KeyId).Encrypt(secret);
        using var services = new ServiceCollection().AddSingleton(wrapper).BuildServiceProvider();
        var opened = new KeyVaultXmlDecryptor(services).Decrypt(sealedKey.EncryptedElement);

        Assert.Equal(typeof(KeyVaultXmlDecryptor), sealedKey.DecryptorType);
        Assert.DoesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA==", sealedKey.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(vault.VersionedKeyId.AbsoluteUri, sealedKey.EncryptedElement.Element("kid")!.Value);
        Assert.True(XNode.DeepEquals(secret, opened));
        Assert.Equal(["wrapkey", "unwrapkey"], vault.Calls.Select(c => c.Split(' ')[1].Split('/')[^1]));
        Assert.All(vault.Calls, c => Assert.Contains("api-version=", c, StringComparison.Ordinal));
    }

    [Fact]
    public void DataProtection_WithTheVaultEncryptor_ProtectsAndUnprotects_AndItsStoredKeysAreSealed()
    {
        var repository = new ListXmlRepository();
        var wrapper = new KeyVaultKeyWrapper(http, vault.Credential);
        var services = new ServiceCollection().AddSingleton(wrapper);
        services.AddDataProtection().SetApplicationName("key-vault-test");
        services.Configure<KeyManagementOptions>(keys =>
        {
            keys.XmlRepository = repository;
            keys.XmlEncryptor = new KeyVaultXmlEncryptor(wrapper, vault.KeyId);
        });
        using var provider = services.BuildServiceProvider();

        var protector = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var ciphertext = protector.Protect("whsec_dGVzdA==");

        Assert.Equal("whsec_dGVzdA==", protector.Unprotect(ciphertext));
        var stored = Assert.Single(repository.GetAllElements()).ToString();
        Assert.Contains("<encryptedKey", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        vault.Dispose();
    }

    private sealed class ListXmlRepository : IXmlRepository
    {
        private readonly List<XElement> elements = [];

        public IReadOnlyCollection<XElement> GetAllElements() => [.. elements];

        public void StoreElement(XElement element, string friendlyName) => elements.Add(element);
    }
}
