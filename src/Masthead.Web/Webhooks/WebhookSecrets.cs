using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Web.Webhooks;

/// <summary>
/// Signing secrets must be read back to sign, so they are encrypted (ASP.NET Core Data Protection, keys in the data
/// folder) rather than hashed: a copy of the database alone does not give them away.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Masthead.Webhooks.SigningSecret.v1");

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string stored) => _protector.Unprotect(stored);
}
