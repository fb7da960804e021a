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
    /// The domains of ECR's private registries, exactly as amazon-ecr-credential-helper recognises them: the standard,
    /// China, European Sovereign Cloud and dual-stack domains and the isolated partitions' own.
    /// </summary>
    private static readonly string[] RegistryDomains =
    [
        "amazonaws.com", "amazonaws.com.cn", "amazonaws.eu", "on.aws", "on.amazonwebservices.com.cn",
        "sc2s.sgov.gov", "c2s.ic.gov", "cloud.adc-e.uk", "csp.hci.ic.gov",
    ];

    /// <summary>
    /// Parses a reference to an ECR registry. ECR hosts are <c>ACCOUNT.dkr.ecr.REGION.DOMAIN</c>, with
    /// <c>dkr-ecr</c> for <c>dkr.ecr</c> and <c>ecr-fips</c> for <c>ecr</c> alike, and DOMAIN one of those
    /// amazon-ecr-credential-helper recognises (<c>amazonaws.com</c>, <c>amazonaws.com.cn</c>, <c>amazonaws.eu</c>,
    /// <c>on.aws</c>, <c>on.amazonwebservices.com.cn</c>, <c>sc2s.sgov.gov</c>, <c>c2s.ic.gov</c>,
    /// <c>cloud.adc-e.uk</c>, <c>csp.hci.ic.gov</c>); host names are case-insensitive and may carry a port. Anything
    /// else is another registry, and false is returned.
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

        // ACCOUNT "." ("dkr.ecr" | "dkr-ecr") ["-fips"] "." REGION "." DOMAIN
        var dot = host.IndexOf('.');
        if (dot != 12 || host[..dot].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var rest = host[(dot + 1)..];
        if (rest.Length < 8 || !Is(rest[..3], "dkr") || rest[3] is not ('.' or '-') || !Is(rest[4..7], "ecr"))
        {
            return false;
        }

        rest = rest[7..];
        if (rest.StartsWith("-fips", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[5..];
        }

        if (rest.IsEmpty || rest[0] != '.')
        {
            return false;
        }

        rest = rest[1..];
        dot = rest.IndexOf('.');
        if (dot <= 0 || !IsRegion(rest[..dot]) || !IsRegistryDomain(rest[(dot + 1)..]))
        {
            return false;
        }

        accountId = host[..12].ToString();
        region = rest[..dot].ToString().ToLowerInvariant();
        return true;
    }

    private static bool IsRegistryDomain(ReadOnlySpan<char> domain)
    {
        foreach (var known in RegistryDomains)
        {
            if (Is(domain, known))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(ReadOnlySpan<char> label, string expected) =>
        label.Equals(expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>A letter or digit, then letters, digits, hyphens and underscores (the helper does not check more).</summary>
    private static bool IsRegion(ReadOnlySpan<char> label) =>
        char.IsAsciiLetterOrDigit(label[0])
        && !label.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
}
