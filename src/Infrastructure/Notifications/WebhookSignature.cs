using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary>
/// The generic webhook's signature: <c>X-Curator-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 over "t.body"&gt;</c>
/// with the channel's secret (docs/security.md shows a receiver's check).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Curator-Signature";

    public static string Sign(string secret, DateTimeOffset at, byte[] body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Hex(secret, timestamp, body)}";
    }

    /// <summary>A receiver's check: the signature matches the body and is at most <paramref name="tolerance"/> old.</summary>
    public static bool Verify(string secret, string header, byte[] body, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = header.Split(',').Select(part => part.Split('=', 2)).Where(pair => pair.Length == 2).ToLookup(pair => pair[0].Trim(), pair => pair[1].Trim());
        if (!long.TryParse(parts["t"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalSeconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Hex(secret, seconds.ToString(CultureInfo.InvariantCulture), body));
        return parts["v1"].Any(given => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(given)));
    }

    private static string Hex(string secret, string timestamp, byte[] body)
    {
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp + ".", signed);
        body.CopyTo(signed, timestamp.Length + 1);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
