using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace EcrCurator.Domain.Tests.Builders;

/// <summary>
/// Readable names for digests: every digest in these tests is <c>sha256:</c> and the SHA-256 of a name,
/// so a test speaks of image "old" while the engine sees a real 64-hex digest.
/// </summary>
public static class Digests
{
    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    public static string Of(string name)
    {
        var digest = "sha256:" + Hex(name);
        Names.TryAdd(digest, name);
        return digest;
    }

    /// <summary>The 64 lowercase hex digits of the digest of <paramref name="name"/>.</summary>
    public static string Hex(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    /// <summary>The name a digest was made from, or the digest itself when no test named it.</summary>
    public static string NameOf(string digest) => Names.TryGetValue(digest, out var name) ? name : digest;

    /// <summary>The tag cosign-style tools give an artifact of <paramref name="image"/>: <c>sha256-HEX.sig</c>, <c>.att</c>, <c>.sbom</c>.</summary>
    public static string AttachmentTag(string image, string suffix = ".sig") => $"sha256-{Hex(image)}{suffix}";
}
