using System.Diagnostics.CodeAnalysis;

namespace EcrCurator.Domain;

/// <summary>
/// An image reference <c>HOST/REPO[:TAG][@DIGEST]</c> whose host is an ECR registry. A digest names the image;
/// otherwise the tag does (<c>latest</c> when none is written).
/// </summary>
public sealed record ImageReference(RepositoryKey Repository, string? Tag, string? Digest)
{
    public const string DefaultTag = "latest";

    /// <summary>The tag to resolve when no digest is given.</summary>
    public string TagOrDefault => Tag ?? DefaultTag;

    /// <summary>
    /// Parses a reference to an ECR registry. ECR hosts are <c>ACCOUNT.dkr.ecr.REGION.amazonaws.com</c>,
    /// <c>ACCOUNT.dkr.ecr-fips.REGION.amazonaws.com</c> (both ending <c>.amazonaws.com.cn</c> in the China regions),
    /// <c>ACCOUNT.dkr-ecr.REGION.on.aws</c> and <c>ACCOUNT.dkr-ecr-fips.REGION.on.aws</c>; host names are
    /// case-insensitive and may carry a port. Anything else is another registry, and false is returned.
    /// </summary>
    public static bool TryParseEcr(string reference, [NotNullWhen(true)] out ImageReference? result)
    {
        result = null;
        var slash = reference.IndexOf('/');
        if (slash <= 0 || !TryParseHost(reference.AsSpan(0, slash), out var accountId, out var region))
        {
            return false;
        }

        var path = reference.AsSpan(slash + 1);
        string? digest = null;
        var at = path.IndexOf('@');
        if (at >= 0)
        {
            digest = path[(at + 1)..].ToString();
            path = path[..at];
            if (digest.Length == 0)
            {
                return false;
            }
        }

        string? tag = null;
        var colon = path.LastIndexOf(':');
        if (colon > path.LastIndexOf('/'))
        {
            tag = path[(colon + 1)..].ToString();
            path = path[..colon];
            if (tag.Length == 0)
            {
                return false;
            }
        }

        if (path.IsEmpty || path[0] == '/' || path[^1] == '/')
        {
            return false;
        }

        result = new ImageReference(new RepositoryKey(accountId, region, path.ToString()), tag, digest);
        return true;
    }

    private static bool TryParseHost(ReadOnlySpan<char> host, out string accountId, out string region)
    {
        accountId = region = "";
        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            var port = host[(colon + 1)..];
            if (port.IsEmpty || port.Length > 5 || port.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            host = host[..colon];
        }

        Span<Range> labels = stackalloc Range[9];
        var count = host.Split(labels, '.');
        if (count is < 5 or > 7)
        {
            return false;
        }

        var account = host[labels[0]];
        var regionLabel = host[labels[count == 5 ? 2 : 3]];
        if (account.Length != 12 || account.ContainsAnyExceptInRange('0', '9') || !IsRegion(regionLabel))
        {
            return false;
        }

        var china = regionLabel.StartsWith("cn-", StringComparison.OrdinalIgnoreCase);
        var valid = count switch
        {
            5 => (Is(host[labels[1]], "dkr-ecr") || Is(host[labels[1]], "dkr-ecr-fips"))
                 && Is(host[labels[3]], "on") && Is(host[labels[4]], "aws"),
            6 or 7 => Is(host[labels[1]], "dkr")
                      && (Is(host[labels[2]], "ecr") || Is(host[labels[2]], "ecr-fips"))
                      && Is(host[labels[4]], "amazonaws") && Is(host[labels[5]], "com")
                      && (count == 7 ? china && Is(host[labels[6]], "cn") : !china),
            _ => false,
        };
        if (!valid)
        {
            return false;
        }

        accountId = account.ToString();
        region = regionLabel.ToString().ToLowerInvariant();
        return true;
    }

    private static bool Is(ReadOnlySpan<char> label, string expected) =>
        label.Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static bool IsRegion(ReadOnlySpan<char> label) =>
        label.Length > 0 && label[0] != '-' && label[^1] != '-' && char.IsAsciiDigit(label[^1])
        && !label.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
}
