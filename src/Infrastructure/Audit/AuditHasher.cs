using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcrCurator.Infrastructure.Audit;

/// <summary>
/// An audit entry's hash, computed here independently of the database that wrote it (docs/security.md, "The canonical
/// encoding"): SHA-256, in lowercase hex, of a version tag and the entry's fields in a fixed order, each written as its
/// length in bytes (4 bytes, big-endian; -1 for null) followed by its UTF-8 bytes. No field can be mistaken for
/// another, whatever characters it holds. One hasher reuses its buffer: not for concurrent use.
/// </summary>
public sealed class AuditHasher
{
    /// <summary>The first entry's previous hash.</summary>
    public static readonly string Genesis = new('0', 64);

    public const string Version = "ecr-curator audit entry v1";

    private byte[] buffer = new byte[1024];
    private int length;

    /// <param name="details">The details as the database stores them (<c>details::text</c>, jsonb's own rendering).</param>
    public string Hash(long id, DateTimeOffset at, string actor, string actorKind, string action, string target, string? team, string details, string previousHash)
    {
        length = 0;
        Field(Version);
        Field(id.ToString(CultureInfo.InvariantCulture));
        Field(Time(at));
        Field(actor);
        Field(actorKind);
        Field(action);
        Field(target);
        Field(team);
        Field(details);
        Field(previousHash);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.AsSpan(0, length), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>UTC to the microsecond, as PostgreSQL keeps it: <c>2026-11-28T01:02:03.456789Z</c>.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private void Field(string? value)
    {
        var count = value is null ? 0 : Encoding.UTF8.GetByteCount(value);
        if (buffer.Length < length + 4 + count)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + 4 + count));
        }

        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), value is null ? -1 : count);
        length += 4;
        if (value is not null)
        {
            length += Encoding.UTF8.GetBytes(value, buffer.AsSpan(length));
        }
    }
}
