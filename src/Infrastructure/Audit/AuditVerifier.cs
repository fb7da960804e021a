using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Infrastructure.Audit;

/// <summary>
/// Walks the audit chain in order, streaming (a million entries take seconds), and recomputes every hash itself
/// (<see cref="AuditHasher"/>): it trusts nothing the database computed. Reads only.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<CuratorDbContext> contexts)
{
    /// <param name="expectedHead">
    /// A head recorded earlier (by <c>audit verify</c>, or an <c>audit.verified</c> entry kept elsewhere): the chain must
    /// still hold it, which detects entries removed from its end.
    /// </param>
    public async Task<AuditVerification> VerifyAsync(string? expectedHead, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await db.Database.OpenConnectionAsync(cancellation);
        await using var command = new NpgsqlCommand(
            "SELECT id, at, actor, actor_kind, action, target, team, details::text, previous_hash, hash FROM audit_entries ORDER BY id",
            (NpgsqlConnection)db.Database.GetDbConnection());
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var hasher = new AuditHasher();
        var (entries, head, headId) = (0L, AuditHasher.Genesis, (long?)null);
        var expectedSeen = expectedHead is null || expectedHead == AuditHasher.Genesis;
        while (await reader.ReadAsync(cancellation))
        {
            var id = reader.GetInt64(0);
            var previous = reader.GetString(8);
            var hash = reader.GetString(9);
            if (previous != head)
            {
                return new AuditVerification(entries, head, headId, headId is null
                    ? $"Entry {id}, the first, follows an entry that is no longer there: the entries before it were removed."
                    : $"Entry {id} does not follow entry {headId}: an entry between them was removed, or the entries were reordered or rewritten ({entries} entries before it are intact).");
            }

            var computed = hasher.Hash(
                id, reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), previous);
            if (computed != hash)
            {
                return new AuditVerification(entries, head, headId, $"Entry {id} was edited: its fields no longer match its hash ({entries} entries before it are intact).");
            }

            (entries, head, headId) = (entries + 1, hash, id);
            expectedSeen |= hash == expectedHead;
        }

        return expectedSeen
            ? new AuditVerification(entries, head, headId, null)
            : new AuditVerification(entries, head, headId,
                $"The expected head {expectedHead} is not in the chain, which ends at {(headId is null ? "no entry" : $"entry {headId}")} (head {head}): entries were removed from its end.");
    }
}
