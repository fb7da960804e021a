using System.Text.Json;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>Turns AWS's error answers into messages that say what to do.</summary>
public static class AwsErrors
{
    public static async Task<AwsException> FromResponseAsync(
        HttpResponseMessage response, AwsService service, string operation, AccountRegion target, CancellationToken cancellation)
    {
        string? type = null, text = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellation), cancellationToken: cancellation);
            var root = document.RootElement;
            type = root.TryGetProperty("__type", out var t) || root.TryGetProperty("code", out t) ? t.GetString() : null;
            text = root.TryGetProperty("message", out var m) || root.TryGetProperty("Message", out m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the status code speaks.
        }

        type ??= response.Headers.TryGetValues("x-amzn-ErrorType", out var header) ? header.First() : null;
        var code = ShortCode(type) ?? $"Http{(int)response.StatusCode}";
        var status = (int)response.StatusCode;
        var action = $"{service.IamPrefix}:{operation}";
        var account = target.RoleArn is null ? $"account {target.AccountId} ({target.Region})" : $"account {target.AccountId} ({target.Region}, role {target.RoleArn})";
        var message = code switch
        {
            _ when AwsException.IsAccessDeniedCode(code) =>
                $"Access denied: {account} does not allow {action}. Grant {action} to the credentials in use (see docs/iam-policy.json). AWS said: {text}",
            "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException" or "IncompleteSignature" =>
                $"AWS refused the credentials for {account} ({code}): check AWS_PROFILE or the access keys in use. AWS said: {text}",
            _ when status >= 500 => $"{action} failed in {account} with a server error ({code}, HTTP {status}). AWS said: {text}",
            _ => $"{action} failed in {account}: {code}: {text}",
        };
        return new AwsException(message, code, operation, target, status);
    }

    public static AwsException Unreachable(Exception error, AwsService service, string operation, AccountRegion target, Uri endpoint) =>
        new(
            $"Cannot reach {endpoint} ({service.SigningName}) for account {target.AccountId} ({target.Region}): {error.Message} "
            + $"Check the network, or AWS_ENDPOINT_URL_{service.EnvironmentName} if you set one.",
            error is OperationCanceledException ? "RequestTimeout" : "Unreachable",
            operation,
            target,
            inner: error);

    public static AwsException CredentialsFailed(Exception error, AwsService service, string operation, AccountRegion target) =>
        new(
            target.RoleArn is { } role
                ? $"Cannot assume role {role} for account {target.AccountId} ({target.Region}): {error.Message} "
                  + "Allow sts:AssumeRole to the credentials in use, and check the role's trust policy and external id."
                : $"No usable AWS credentials for account {target.AccountId} ({target.Region}): {error.Message}",
            "CredentialsFailed",
            operation,
            target,
            inner: error);

    /// <summary>Strips a <c>namespace#</c> prefix and a <c>:…</c> or <c>,…</c> suffix, as the SDKs do.</summary>
    public static string? ShortCode(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var hash = type.LastIndexOf('#');
        var code = hash >= 0 ? type[(hash + 1)..] : type;
        var end = code.IndexOfAny([':', ',']);
        return end >= 0 ? code[..end] : code;
    }
}
