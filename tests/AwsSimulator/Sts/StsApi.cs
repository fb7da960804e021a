using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EcrCurator.AwsSimulator.Protocol;

namespace EcrCurator.AwsSimulator.Sts;

/// <summary>
/// STS over the query protocol: GetCallerIdentity answers the calling account; AssumeRole of
/// <c>arn:PARTITION:iam::ACCOUNT:role/NAME</c>, for an account of the world, answers credentials whose access key id is ACCOUNT.
/// The session token carries the role, so GetCallerIdentity with it answers the assumed role.
/// </summary>
internal static partial class StsApi
{
    public static readonly XNamespace Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static readonly AwsService Service = new("sts", "", new Dictionary<string, AwsOperation>
    {
        ["GetCallerIdentity"] = GetCallerIdentity,
        ["AssumeRole"] = AssumeRole,
    });

    private static XElement GetCallerIdentity(AwsCall call)
    {
        var (arn, userId) = Session(call.SessionToken) is { } session && session.Account == call.AccountId
            ? ($"arn:{session.Partition}:sts::{session.Account}:assumed-role/{session.Role}/{session.Name}", $"AROA{RoleId(session.RoleArn)}:{session.Name}")
            : ($"arn:{call.Partition}:iam::{call.AccountId}:root", call.AccountId);
        return new XElement(Namespace + "GetCallerIdentityResult",
            new XElement(Namespace + "Arn", arn),
            new XElement(Namespace + "UserId", userId),
            new XElement(Namespace + "Account", call.AccountId));
    }

    private static XElement AssumeRole(AwsCall call)
    {
        var roleArn = call.Form.GetValueOrDefault("RoleArn") ?? throw Validation("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        var name = call.Form.GetValueOrDefault("RoleSessionName") ?? throw Validation("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        if (!SessionNamePattern().IsMatch(name))
        {
            throw Validation($"Value '{name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]{{2,64}}");
        }

        var duration = call.Form.TryGetValue("DurationSeconds", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 3600;
        if (duration is < 900 or > 43200)
        {
            throw Validation($"Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
        }

        var match = RoleArnPattern().Match(roleArn);
        if (!match.Success)
        {
            throw Validation($"Value '{roleArn}' at 'roleArn' failed to satisfy constraint: Member must be a role ARN");
        }

        var (partition, account, role) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        var known = call.State.Read(state => state.Regions.Any(region => region.AccountId == account));
        if (partition != call.Partition || !known)
        {
            throw new AwsException("AccessDeniedException",
                $"User: arn:{call.Partition}:iam::{call.AccountId}:root is not authorized to perform: sts:AssumeRole on resource: {roleArn}", 403);
        }

        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"simulator|{roleArn}|{name}"));
        var expiration = call.State.Time.GetUtcNow().AddSeconds(duration);
        return new XElement(Namespace + "AssumeRoleResult",
            new XElement(Namespace + "Credentials",
                new XElement(Namespace + "AccessKeyId", account),
                new XElement(Namespace + "SecretAccessKey", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))),
                new XElement(Namespace + "SessionToken", token),
                new XElement(Namespace + "Expiration", expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
            new XElement(Namespace + "AssumedRoleUser",
                new XElement(Namespace + "AssumedRoleId", $"AROA{RoleId(roleArn)}:{name}"),
                new XElement(Namespace + "Arn", $"arn:{partition}:sts::{account}:assumed-role/{role}/{name}")));
    }

    private sealed record AssumedSession(string RoleArn, string Partition, string Account, string Role, string Name);

    private static AssumedSession? Session(string? token)
    {
        try
        {
            var parts = token is null ? [] : Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            var match = parts.Length == 3 && parts[0] == "simulator" ? RoleArnPattern().Match(parts[1]) : null;
            return match is { Success: true } ? new AssumedSession(parts[1], match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, parts[2]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string RoleId(string roleArn) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(roleArn)))[..17];

    private static AwsException Validation(string problem) => new("ValidationError", $"1 validation error detected: {problem}");

    [GeneratedRegex(@"^arn:(aws(?:-[a-z]+(?:-[a-z]+)?)?):iam::(\d{12}):role/(?:[\w+=,.@-]+/)*([\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}
