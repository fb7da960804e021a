using System.Runtime.InteropServices;

namespace EcrCurator.Domain;

/// <summary>
/// Exact ordinal equality for digests, hashing only a few of their hex characters: a <c>sha256:</c> digest is
/// uniformly random, so those characters hash as well as the whole string at a fraction of the cost.
/// </summary>
internal sealed class DigestComparer : IEqualityComparer<string>
{
    public static readonly DigestComparer Instance = new();

    private const int HashedFrom = 7; // after "sha256:"

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string digest)
    {
        if (digest.Length < HashedFrom + 8)
        {
            return StringComparer.Ordinal.GetHashCode(digest);
        }

        var bits = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(digest.AsSpan(HashedFrom, 4)))
                   ^ (MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(digest.AsSpan(HashedFrom + 4, 4))) * 31);
        return (int)bits ^ (int)(bits >> 32);
    }
}
