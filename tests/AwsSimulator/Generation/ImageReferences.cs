using System.Text.RegularExpressions;

namespace EcrCurator.AwsSimulator.Generation;

/// <summary>The registry repository an image reference such as <c>111111111111.dkr.ecr.REGION.amazonaws.com/care/api:v1</c> names.</summary>
internal static partial class ImageReferences
{
    public static (string Account, string Region, string Repository)? RepositoryOf(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || HostPattern().Match(image[..slash]) is not { Success: true } host)
        {
            return null;
        }

        var path = image[(slash + 1)..].Split('@')[0];
        var colon = path.LastIndexOf(':');
        return (host.Groups[1].Value, host.Groups[2].Value, colon > path.LastIndexOf('/') ? path[..colon] : path);
    }

    [GeneratedRegex(@"^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.(?:amazonaws\.(?:com(?:\.cn)?|eu)|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)(?::\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex HostPattern();
}
