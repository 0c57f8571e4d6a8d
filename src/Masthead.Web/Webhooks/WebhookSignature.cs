using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Web.Webhooks;

/// <summary>
/// The <c>Masthead-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where v1 is the HMAC-SHA256, keyed with the
/// subscription's secret, of the timestamp, a full stop and the raw body. Signing the time as well lets a receiver
/// refuse an old delivery replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Masthead-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Hex(secret, unixSeconds, body)}");

    /// <summary>What a receiver does: recompute and compare in constant time, and refuse stale timestamps.</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) t = seconds;
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) signatures.Add(part[3..]);
        }
        if (t is null || Math.Abs(now.ToUnixTimeSeconds() - t.Value) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Hex(secret, t.Value, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    private static string Hex(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
