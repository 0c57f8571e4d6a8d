using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Core.Newsletters;

/// <summary>
/// The tokens in a tracked email's open pixel and click links: the copy's (recipient's) id, for a click the link's id, and
/// an HMAC-SHA256 of them under the send's own key (<see cref="NewsletterSend.TrackingKey"/>, in the shared database, so
/// any node checks what any node made). Without the key nobody can make a token for another copy or another link.
/// </summary>
public static class TrackingTokens
{
    /// <summary>128 bits of the HMAC, in base64url: enough that guessing is hopeless, short enough for a link.</summary>
    private const int MacBytes = 16;

    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Open(string key, long recipientId) => $"{recipientId}.{Mac(key, $"open:{recipientId}")}";

    public static string Click(string key, long recipientId, long linkId) => $"{recipientId}.{linkId}.{Mac(key, $"click:{recipientId}:{linkId}")}";

    /// <summary>The ids a token claims to be for, before its signature is checked (which needs the send's key).</summary>
    public static bool TryRead(string? token, out long recipientId, out long? linkId)
    {
        recipientId = 0;
        linkId = null;
        var parts = (token ?? "").Split('.');
        if (parts.Length is not (2 or 3) || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out recipientId)) return false;
        if (parts.Length == 3)
        {
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var link)) return false;
            linkId = link;
        }
        return true;
    }

    /// <summary>Whether the token is exactly the one made with the send's key for these ids.</summary>
    public static bool Verify(string token, string key, long recipientId, long? linkId)
    {
        var expected = linkId is { } l ? Click(key, recipientId, l) : Open(key, recipientId);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(token));
    }

    private static string Mac(string key, string message) =>
        System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(message)).AsSpan(0, MacBytes));
}
