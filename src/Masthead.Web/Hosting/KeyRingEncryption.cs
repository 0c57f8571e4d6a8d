using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Hosting;

/// <summary>
/// Encrypts each data-protection key before it is stored in the database, with AES-256-GCM under the operator's
/// <c>Masthead:DataProtection:KeyEncryptionKey</c> (ASP.NET Core's own at-rest options need a certificate or Windows).
/// </summary>
public sealed class KeyRingEncryptor(byte[] key) : IXmlEncryptor
{
    public const int KeyBytes = 32;

    public static byte[]? ReadKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        var bytes = Convert.FromBase64String(base64.Trim());
        return bytes.Length == KeyBytes ? bytes
            : throw new InvalidOperationException($"Masthead:DataProtection:KeyEncryptionKey must be {KeyBytes} bytes in base64 (openssl rand -base64 32).");
    }

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        var element = new XElement("masthead-encrypted", new XAttribute("version", 1),
            new XElement("nonce", Convert.ToBase64String(nonce)), new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}

/// <summary>Made by the data-protection system from the type name stored beside each encrypted key.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = KeyRingEncryptor.ReadKey(services.GetRequiredService<IOptions<MastheadOptions>>().Value.DataProtection.KeyEncryptionKey)
            ?? throw new InvalidOperationException("The key ring in the database is encrypted, but Masthead:DataProtection:KeyEncryptionKey is not set on this node.");
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
