using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EcrCurator.Infrastructure.Tests.Aws.Conformance;

/// <summary>What a SigV4 <c>Authorization</c> header claims, and whether its signature holds for the request.</summary>
public sealed record SigV4Verdict(
    bool Valid,
    string Reason,
    string? AccessKey = null,
    string? Date = null,
    string? Region = null,
    string? Service = null,
    IReadOnlyList<string>? SignedHeaders = null,
    string? CanonicalRequest = null);

/// <summary>
/// Recomputes an AWS Signature Version 4 from a request as it arrived, over the headers that its
/// <c>Authorization</c> header names in <c>SignedHeaders</c> (clients sign different sets). A verifier, written
/// from the SigV4 specification; it shares no code with the signer under test.
/// </summary>
public static partial class SigV4Verifier
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static SigV4Verdict Verify(CapturedRequest request, string secretKey = SecretKey)
    {
        var authorization = request.Header("authorization");
        if (authorization is null)
        {
            return new(false, "no Authorization header");
        }

        var parts = AuthorizationPattern().Match(authorization);
        if (!parts.Success)
        {
            return new(false, $"Authorization is not AWS4-HMAC-SHA256: {authorization}");
        }

        var (accessKey, date, region, service) = (parts.Groups["key"].Value, parts.Groups["date"].Value, parts.Groups["region"].Value, parts.Groups["service"].Value);
        var signedHeaders = parts.Groups["headers"].Value.Split(';');
        var claimed = parts.Groups["signature"].Value;
        var amzDate = request.Header("x-amz-date");
        if (amzDate is null || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return new(false, $"X-Amz-Date '{amzDate}' does not fall on the credential scope's date {date}", accessKey, date, region, service, signedHeaders);
        }

        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date"))
        {
            return new(false, $"host and x-amz-date must be signed; SignedHeaders={parts.Groups["headers"].Value}", accessKey, date, region, service, signedHeaders);
        }

        if (!signedHeaders.SequenceEqual(signedHeaders.Order(StringComparer.Ordinal)) || signedHeaders.Any(name => name != name.ToLowerInvariant()))
        {
            return new(false, "SignedHeaders must be lower case and sorted", accessKey, date, region, service, signedHeaders);
        }

        var missing = signedHeaders.Where(name => request.Header(name) is null).ToList();
        if (missing.Count > 0)
        {
            return new(false, $"signed headers not sent: {string.Join(", ", missing)}", accessKey, date, region, service, signedHeaders);
        }

        var payloadHash = Hex(SHA256.HashData(request.Body));
        if (request.Header("x-amz-content-sha256") is { } declared && declared != payloadHash)
        {
            return new(false, $"x-amz-content-sha256 {declared} is not the body's hash {payloadHash}", accessKey, date, region, service, signedHeaders);
        }

        var (path, query) = SplitTarget(request.Path);
        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(CanonicalUri(path)).Append('\n')
            .Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            canonical.Append(name).Append(':').Append(CanonicalValue(request.Header(name)!)).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        var canonicalRequest = canonical.ToString();

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(claimed));
        return new(valid, valid ? "valid" : $"signature {claimed} is not {expected}", accessKey, date, region, service, signedHeaders, canonicalRequest);
    }

    private static (string Path, string Query) SplitTarget(string target)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (target, "") : (target[..question], target[(question + 1)..]);
    }

    // Every service but S3 encodes each (already encoded) path segment once more.
    private static string CanonicalUri(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: Uri.EscapeDataString(Uri.UnescapeDataString(pair[0])), Value: Uri.EscapeDataString(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""))))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Name}={pair.Value}"));

    private static string CanonicalValue(string value) => Spaces().Replace(value.Trim(), " ");

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request,\s*SignedHeaders=(?<headers>[^,]+),\s*Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
