using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>Turns AWS's error answers into messages that say what to do.</summary>
public static partial class AwsErrors
{
    private const int SnippetLength = 160;

    public static async Task<AwsException> FromResponseAsync(
        HttpResponseMessage response, AwsService service, string operation, AccountRegion target, CancellationToken cancellation)
    {
        var body = await response.Content.ReadAsStringAsync(cancellation);
        var (type, text) = Read(body);
        type ??= response.Headers.TryGetValues("x-amzn-ErrorType", out var header) ? header.First() : null;
        var code = ShortCode(type) ?? $"Http{(int)response.StatusCode}";
        var status = (int)response.StatusCode;
        var said = text is not null
            ? $"AWS said: {text}"
            : string.IsNullOrWhiteSpace(body)
                ? $"The answer (HTTP {status}) had no body."
                : $"The answer (HTTP {status}, {response.Content.Headers.ContentType?.MediaType ?? "no content type"}) was not AWS's JSON: \"{Snippet(body)}\"";
        var action = $"{service.IamPrefix}:{operation}";
        var account = target.RoleArn is null ? $"account {target.AccountId} ({target.Region})" : $"account {target.AccountId} ({target.Region}, role {target.RoleArn})";
        var message = code switch
        {
            _ when AwsException.IsAccessDeniedCode(code) =>
                $"Access denied: {account} does not allow {action}. Grant {action} to the credentials in use (see docs/iam-policy.json). {said}",
            "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException" or "IncompleteSignature" =>
                $"AWS refused the credentials for {account} ({code}): check AWS_PROFILE or the access keys in use. {said}",
            _ when status >= 500 => $"{action} failed in {account} with a server error ({code}, HTTP {status}). {said}",
            _ when text is null => $"{action} failed in {account}: {code} (HTTP {status}). {said}",
            _ => $"{action} failed in {account}: {code}: {text}",
        };
        return new AwsException(message, code, operation, target, status);
    }

    /// <summary>A throttle that outlasted the budget, saying for how long and how often it was tried.</summary>
    public static AwsException ThrottledThroughout(AwsException throttle, int attempts, TimeSpan elapsed, TimeSpan budget) =>
        new(
            $"{throttle.Message} (still throttled after {attempts} attempts in {elapsed.TotalSeconds:0} s; "
            + $"Curator:Aws:ThrottleBudgetSeconds is {budget.TotalSeconds:0})",
            throttle.Code,
            throttle.Operation,
            throttle.Target,
            throttle.Status,
            throttle.InnerException);

    public static AwsException Unreachable(Exception error, AwsService service, string operation, AccountRegion target, Uri endpoint) =>
        new(
            $"Cannot reach {endpoint} ({service.SigningName}) for account {target.AccountId} ({target.Region}): {error.Message} "
            + $"Check the network, or AWS_ENDPOINT_URL_{service.EnvironmentName} if you set one.",
            error is OperationCanceledException ? "RequestTimeout" : "Unreachable",
            operation,
            target,
            inner: error);

    /// <summary>The credentials could not be had; STS's own error code (a throttle, say) is kept so that the call is retried as it says.</summary>
    public static AwsException CredentialsFailed(Exception error, AwsService service, string operation, AccountRegion target) =>
        new(
            target.RoleArn is { } role
                ? $"Cannot assume role {role} for account {target.AccountId} ({target.Region}): {error.Message} "
                  + "Allow sts:AssumeRole to the credentials in use, and check the role's trust policy and external id."
                : $"No usable AWS credentials for account {target.AccountId} ({target.Region}): {error.Message}",
            (error as AmazonServiceException ?? error.InnerException as AmazonServiceException)?.ErrorCode is { Length: > 0 } stsCode ? stsCode : "CredentialsFailed",
            operation,
            target,
            (int?)(error as AmazonServiceException ?? error.InnerException as AmazonServiceException)?.StatusCode,
            error);

    /// <summary>The error's message from AWS's JSON (<c>__type</c> or <c>code</c>, <c>message</c> or <c>Message</c>); nothing from any other body.</summary>
    private static (string? Type, string? Text) Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var type = root.TryGetProperty("__type", out var t) || root.TryGetProperty("code", out t) ? t.GetString() : null;
            var text = root.TryGetProperty("message", out var m) || root.TryGetProperty("Message", out m) ? m.GetString() : null;
            return (type, string.IsNullOrWhiteSpace(text) ? null : text);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return (null, null); // not JSON (a proxy's page, say): the status and a snippet speak
        }
    }

    /// <summary>The start of a body as one line of text: markup and runs of white space removed.</summary>
    private static string Snippet(string body)
    {
        var text = Whitespace().Replace(Markup().Replace(body, " "), " ").Trim();
        return text.Length <= SnippetLength ? text : text[..SnippetLength] + "…";
    }

    [GeneratedRegex("<[^>]*>|&[a-z]+;")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

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
