using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.SecurityToken;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// A role assumed through STS in a given region (the SDK's own AssumeRoleAWSCredentials asks STS in the region of
/// AWS_REGION, and so cannot assume a role of another partition's account-region), refreshed 15 minutes before it expires.
/// </summary>
public sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    private const string SessionName = "ecr-curator";

    private readonly AWSCredentials source;
    private readonly string roleArn;
    private readonly AssumeRoleAWSCredentialsOptions options;
    private readonly AmazonSecurityTokenServiceConfig config;

    /// <param name="endpoint">STS's endpoint when one is set (<c>AWS_ENDPOINT_URL_STS</c>), else the region's own.</param>
    public AssumedRoleCredentials(AWSCredentials source, string roleArn, string? externalId, string region, Uri? endpoint)
    {
        this.source = source;
        this.roleArn = roleArn;
        options = new AssumeRoleAWSCredentialsOptions { ExternalId = externalId };
        config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        PreemptExpiryTime = TimeSpan.FromMinutes(15);
    }

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        using var sts = new AmazonSecurityTokenServiceClient(source, config);
        var credentials = await ((ICoreAmazonSTS)sts).CredentialsFromAssumeRoleAuthenticationAsync(roleArn, SessionName, options);
        return new CredentialsRefreshState(credentials, credentials.Expiration);
    }
}
