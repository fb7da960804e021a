using System.Globalization;
using System.Security.Cryptography;
using EcrCurator.AwsSimulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace EcrCurator.AwsSimulator.Signing;

/// <summary>
/// Refuses a request without a well-formed SigV4 <c>Authorization</c> header, as AWS does. Any secret key is accepted,
/// so the signature itself cannot be recomputed; everything else is checked: the algorithm, the credential scope
/// (date, region, service), the signed headers (which must include <c>host</c> and be present), the date header
/// and the payload hash when one is sent.
/// </summary>
internal static class SignatureCheck
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    public static Credential Verify(HttpRequest request, ReadOnlySpan<byte> body, string service)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            throw new AwsException("MissingAuthenticationTokenException", "Missing Authentication Token", service == "sts" ? 403 : 400);
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw Incomplete($"Authorization header requires the algorithm {Algorithm}. Authorization={authorization}");
        }

        var parts = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        var missing = new[] { "Credential", "SignedHeaders", "Signature" }.Where(key => !parts.ContainsKey(key)).ToList();
        var date = request.Headers["X-Amz-Date"].ToString();
        if (missing.Count > 0 || date.Length == 0)
        {
            var problems = missing.Select(key => $"Authorization header requires '{key}' parameter.")
                .Concat(date.Length == 0 ? ["Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."] : []);
            throw Incomplete($"{string.Join(' ', problems)} Authorization={authorization}");
        }

        var credential = ParseCredential(parts["Credential"]);
        CheckDate(date, credential);
        if (credential.Service != service)
        {
            throw Invalid($"Credential should be scoped to correct service: '{service}'. ");
        }

        CheckSignedHeaders(request, parts["SignedHeaders"]);
        if (parts["Signature"].Length != 64 || parts["Signature"].AsSpan().ContainsAnyExcept("0123456789abcdef"))
        {
            throw Invalid("The request signature we calculated does not match the signature you provided.");
        }

        var payloadHash = request.Headers["X-Amz-Content-Sha256"].ToString();
        if (payloadHash.Length > 0 && payloadHash != "UNSIGNED-PAYLOAD" && payloadHash != Convert.ToHexStringLower(SHA256.HashData(body)))
        {
            throw Invalid("The request signature we calculated does not match the signature you provided (the payload hash differs from the body).");
        }

        return credential;
    }

    private static Credential ParseCredential(string value)
    {
        var scope = value.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request" || scope.Take(4).Any(string.IsNullOrEmpty))
        {
            throw Incomplete($"Credential should be of the form AKID/yyyyMMdd/region/service/aws4_request: '{value}'.");
        }

        if (!DateOnly.TryParseExact(scope[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw Incomplete($"Credential date '{scope[1]}' is not yyyyMMdd.");
        }

        return new Credential(scope[0], scope[1], scope[2], scope[3]);
    }

    private static void CheckDate(string date, Credential credential)
    {
        if (!DateTime.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
        {
            throw Incomplete($"X-Amz-Date '{date}' is not an ISO-8601 basic date and time (yyyyMMddTHHmmssZ).");
        }

        if (!date.StartsWith(credential.Date, StringComparison.Ordinal))
        {
            throw Invalid($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{credential.Date}' != '{date[..8]}', from '{date}'.");
        }
    }

    private static void CheckSignedHeaders(HttpRequest request, string signedHeaders)
    {
        var names = signedHeaders.Split(';');
        if (!names.Contains("host"))
        {
            throw Invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        if (names.Any(name => name.Length == 0 || name != name.ToLowerInvariant()) || !names.SequenceEqual(names.Order(StringComparer.Ordinal)))
        {
            throw Incomplete($"SignedHeaders must be lowercase, sorted and separated by ';': '{signedHeaders}'.");
        }

        if (names.FirstOrDefault(name => name != "host" && !request.Headers.ContainsKey(name)) is { } absent)
        {
            throw Invalid($"The request signature we calculated does not match the signature you provided: signed header '{absent}' is not in the request.");
        }
    }

    private static AwsException Incomplete(string message) => new("IncompleteSignatureException", message);

    private static AwsException Invalid(string message) => new("InvalidSignatureException", message, 400);
}
