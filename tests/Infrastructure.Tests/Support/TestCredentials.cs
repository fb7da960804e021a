using EcrCurator.Infrastructure.Tests.Aws.Conformance;

namespace EcrCurator.Infrastructure.Tests.Support;

/// <summary>
/// The one AWS environment of this test process: the standard chain finds the example keys and nothing else. The
/// simulator takes any key that is not an account id as the world's first account.
/// </summary>
public static class TestCredentials
{
    private static readonly Lazy<bool> Applied = new(() =>
    {
        foreach (var name in new[]
                 {
                     "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
                     "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL",
                     "AWS_ENDPOINT_URL_ECR", "AWS_ENDPOINT_URL_ECS",
                 })
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", SigV4Verifier.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SigV4Verifier.SecretKey);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/ecr-curator-tests/credentials");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "/nonexistent/ecr-curator-tests/config");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        return true;
    });

    public static void Use() => _ = Applied.Value;
}
