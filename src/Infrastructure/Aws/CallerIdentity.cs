using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Configuration;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>The account and region of the application's own credentials: what is curated when no registry is configured.</summary>
public sealed class CallerIdentity(AwsCredentialStore credentials, AwsEndpoints endpoints, IConfiguration configuration)
{
    public async Task<AccountRegion> OwnAccountRegionAsync(CancellationToken cancellation)
    {
        var region = configuration["AWS_REGION"] ?? configuration["AWS_DEFAULT_REGION"] ?? FallbackRegionFactory.GetRegionEndpoint()?.SystemName
                     ?? throw new AwsCredentialsException("No region is configured: set AWS_REGION, or list the registries to curate under Curator:Registries.");
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        if (endpoints.Custom(AwsService.Sts) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        using var sts = new AmazonSecurityTokenServiceClient(credentials.Standard, config);
        try
        {
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellation);
            return new AccountRegion(identity.Account, region);
        }
        catch (AmazonServiceException error)
        {
            throw new AwsCredentialsException($"STS GetCallerIdentity refused the credentials in use ({error.ErrorCode}): {error.Message}", error);
        }
        catch (HttpRequestException error)
        {
            throw new AwsCredentialsException($"Cannot reach STS in {region}: {error.Message} Check the network, or AWS_ENDPOINT_URL_STS if you set one.", error);
        }
    }
}
