using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// Credentials from the standard chain (environment, profiles including SSO, web identity, container, instance
/// metadata), and for an account with a role, that role assumed with them through STS in the account-region's own
/// region, and so its partition (refreshed before it expires).
/// </summary>
public sealed class AwsCredentialStore(AwsEndpoints? endpoints = null)
{
    private readonly Lazy<AWSCredentials> standard = new(ResolveStandard, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<(string RoleArn, string? ExternalId, string Region), AWSCredentials> assumed = new();

    /// <summary>The credentials of the standard chain; throws <see cref="AwsCredentialsException"/> when there are none.</summary>
    public AWSCredentials Standard => standard.Value;

    public AWSCredentials For(AccountRegion target) =>
        target.RoleArn is not { } role
            ? standard.Value
            : assumed.GetOrAdd((role, target.ExternalId, target.Region), key => new AssumedRoleCredentials(
                standard.Value, key.RoleArn, key.ExternalId, key.Region, endpoints?.Custom(AwsService.Sts)));

    private static AWSCredentials ResolveStandard()
    {
        try
        {
            return new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null!);
        }
        catch (AmazonClientException error)
        {
            throw new AwsCredentialsException(
                "No AWS credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, "
                + "or run with a task or instance role.", error);
        }
    }
}

/// <summary>No credentials could be found, or a role could not be assumed.</summary>
public sealed class AwsCredentialsException(string message, Exception? inner = null) : Exception(message, inner);
