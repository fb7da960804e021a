using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// SPEC 4's rule for a complete snapshot, one repository at a time: per repository with something to delete, a
/// pending proposal stays (and is confirmed) while the candidate set is unchanged, and is superseded by a new one when
/// it changed; an approved proposal waiting for execution is left alone (its execution re-checks everything).
/// </summary>
internal sealed class Proposals
{
    private readonly CuratorDbContext db;
    private readonly long snapshotId;
    private readonly DateTimeOffset now;
    private readonly ILookup<long, ProposalRow> open;
    private readonly List<ProposalRow> created = [];

    private Proposals(CuratorDbContext db, long snapshotId, DateTimeOffset now, ILookup<long, ProposalRow> open)
    {
        this.db = db;
        this.snapshotId = snapshotId;
        this.now = now;
        this.open = open;
    }

    /// <summary>The open proposals, locked, so that an approval arriving meanwhile waits for this snapshot instead of failing it.</summary>
    public static async Task<Proposals> OpenAsync(CuratorDbContext db, long snapshotId, DateTimeOffset now, CancellationToken cancellation)
    {
        var open = await db.Proposals
            .FromSql($"SELECT *, xmin FROM proposals WHERE status IN ('Pending', 'Approved', 'Executing', 'Held') FOR UPDATE")
            .ToListAsync(cancellation);
        return new Proposals(db, snapshotId, now, open.ToLookup(proposal => proposal.RepositoryId));
    }

    public void Settle(RepositoryRow row, RepositoryPlan repository)
    {
        if (open[row.Id].Any(proposal => proposal.Status != ProposalStatus.Pending))
        {
            return;
        }

        var target = repository.Repository.Key.ToString();
        var candidates = repository.Candidates.ToList();
        var set = CandidateSet.Of(candidates);
        var pending = open[row.Id].SingleOrDefault();
        if (pending is not null && pending.CandidateSet == set)
        {
            pending.ConfirmedSnapshotId = snapshotId;
            return;
        }

        if (pending is not null)
        {
            pending.Status = ProposalStatus.Superseded;
            AuditLog.Record(db, AuditLog.System, "proposal.superseded", target, new { proposal = pending.Id, snapshot = snapshotId }, repository.Repository.Team, now);
        }

        if (candidates.Count > 0)
        {
            var proposal = new ProposalRow
            {
                RepositoryId = row.Id,
                SnapshotId = snapshotId,
                ConfirmedSnapshotId = snapshotId,
                CandidateSet = set,
                CandidateCount = candidates.Count,
                CandidateBytes = repository.Bytes.CandidateBytes,
                ReclaimableBytes = repository.Bytes.ReclaimableBytes,
                CreatedAt = now,
            };
            db.Proposals.Add(proposal);
            created.Add(proposal);
            AuditLog.Record(db, AuditLog.System, "proposal.created", target, new
            {
                snapshot = snapshotId, proposal.CandidateCount, proposal.CandidateBytes, proposal.ReclaimableBytes,
                digests = candidates.Select(candidate => candidate.Image.Digest),
            }, repository.Repository.Team, now);
        }
    }

    /// <summary>
    /// The candidates of the new proposals, once they have ids: the images this snapshot staged for deletion in their
    /// repositories (a first snapshot may propose hundreds of thousands).
    /// </summary>
    public async Task WriteCandidatesAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO proposal_candidates (proposal_id, digest, tags, size_bytes, pushed_at, last_pulled_at, reasons, action)
            SELECT proposal.id, staged.digest, staged.tags, staged.size_bytes, staged.pushed_at, staged.last_pulled_at, staged.reasons, staged.action
            FROM unnest(@proposals, @repositories) AS proposal (id, repository_id)
            JOIN images_staging staged ON staged.repository_id = proposal.repository_id AND staged.decision = 'delete'
            """,
            connection);
        command.Parameters.AddWithValue("proposals", created.Select(proposal => proposal.Id).ToArray());
        command.Parameters.AddWithValue("repositories", created.Select(proposal => proposal.RepositoryId).ToArray());
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
