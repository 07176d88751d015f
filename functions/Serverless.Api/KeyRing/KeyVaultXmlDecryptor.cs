using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Api.KeyRing;

/// <summary>
/// Opens what <see cref="KeyVaultXmlEncryptor"/> sealed. Data Protection creates it by the type name stored in
/// each key's XML, so this type must keep its name and namespace (or the stored keys no longer open).
/// </summary>
public sealed class KeyVaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    /// <inheritdoc />
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var wrapper = services.GetService<KeyVaultKeyWrapper>()
            ?? throw new CryptographicException("The key ring is wrapped by a Key Vault key, but KeyRing:KeyVaultKeyId is not set.");
        var keyId = new Uri(Text(encryptedElement, "kid"));
        var key = wrapper.Unwrap(keyId, Convert.FromBase64String(Text(encryptedElement, "key")));
        try
        {
            var ciphertext = Convert.FromBase64String(Text(encryptedElement, "value"));
            var plaintext = new byte[ciphertext.Length];
            using (var aes = new AesGcm(key, KeyVaultXmlEncryptor.TagBytes))
            {
                aes.Decrypt(Convert.FromBase64String(Text(encryptedElement, "nonce")), ciphertext, Convert.FromBase64String(Text(encryptedElement, "tag")), plaintext);
            }

            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static string Text(XElement element, string name) =>
        element.Element(name)?.Value ?? throw new CryptographicException($"The encrypted key has no <{name}>.");
}
