using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Serverless.Api.KeyRing;

/// <summary>
/// Envelope encryption of each key of the ring: the key's XML is sealed with a fresh AES-256-GCM key, and that key
/// is wrapped by the Key Vault key. The blob alone (a leaked storage key, a backup) then decrypts nothing.
/// </summary>
internal sealed class KeyVaultXmlEncryptor(KeyVaultKeyWrapper wrapper, Uri keyId) : IXmlEncryptor
{
    /// <summary>The bytes of the AES-GCM nonce.</summary>
    internal const int NonceBytes = 12;

    /// <summary>The bytes of the AES-GCM tag.</summary>
    internal const int TagBytes = 16;

    /// <inheritdoc />
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
            var tag = new byte[TagBytes];
            var ciphertext = new byte[plaintext.Length];
            using (var aes = new AesGcm(key, TagBytes))
            {
                aes.Encrypt(nonce, plaintext, ciphertext, tag);
            }

            var (wrappedBy, wrapped) = wrapper.Wrap(keyId, key);
            var element = new XElement(
                "encryptedKey",
                new XComment(" This key is encrypted with an Azure Key Vault key. "),
                new XElement("kid", wrappedBy.AbsoluteUri),
                new XElement("key", Convert.ToBase64String(wrapped)),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(ciphertext)));
            return new EncryptedXmlInfo(element, typeof(KeyVaultXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
