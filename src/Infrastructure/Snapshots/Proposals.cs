using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// SPEC 4's rule for a complete snapshot: per repository with something to delete, a pending proposal stays (and
/// is confirmed) while the candidate set is unchanged, and is superseded by a new one when it changed; an approved
/// proposal waiting for execution is left alone (its execution re-checks everything).
/// </summary>
internal static class Proposals
{
    /// <returns>The new proposals with their candidates, to be written once the proposals have ids.</returns>
    public static async Task<List<(ProposalRow Proposal, List<ImageDecision> Candidates)>> SettleAsync(
        CuratorDbContext db, long snapshotId, RetentionPlan plan, Dictionary<RepositoryKey, RepositoryRow> repositories, DateTimeOffset now, CancellationToken cancellation)
    {
        var created = new List<(ProposalRow, List<ImageDecision>)>();
        // Locked, so that an approval arriving meanwhile waits for this snapshot instead of failing it.
        var open = await db.Proposals
            .FromSql($"SELECT *, xmin FROM proposals WHERE status IN ('Pending', 'Approved', 'Executing') FOR UPDATE")
            .ToListAsync(cancellation);
        var openByRepository = open.ToLookup(proposal => proposal.RepositoryId);
        foreach (var repository in plan.Repositories)
        {
            var row = repositories[repository.Repository.Key];
            var target = repository.Repository.Key.ToString();
            var candidates = repository.Candidates.ToList();
            if (openByRepository[row.Id].Any(proposal => proposal.Status != ProposalStatus.Pending))
            {
                continue;
            }

            var set = CandidateSet.Of(candidates);
            var pending = openByRepository[row.Id].SingleOrDefault();
            if (pending is not null && pending.CandidateSet == set)
            {
                pending.ConfirmedSnapshotId = snapshotId;
                continue;
            }

            if (pending is not null)
            {
                pending.Status = ProposalStatus.Superseded;
                AuditLog.Record(db, AuditLog.System, "proposal.superseded", target, new { proposal = pending.Id, snapshot = snapshotId }, repository.Repository.Team, now);
            }

            if (candidates.Count > 0)
            {
                var proposal = NewProposal(row.Id, snapshotId, set, repository, candidates, now);
                db.Proposals.Add(proposal);
                created.Add((proposal, candidates));
                AuditLog.Record(db, AuditLog.System, "proposal.created", target, new
                {
                    snapshot = snapshotId, proposal.CandidateCount, proposal.CandidateBytes, proposal.ReclaimableBytes,
                    digests = candidates.Select(candidate => candidate.Image.Digest),
                }, repository.Repository.Team, now);
            }
        }

        return created;
    }

    /// <summary>The candidates of new proposals, with binary COPY (a first snapshot may propose hundreds of thousands).</summary>
    public static Task WriteCandidatesAsync(NpgsqlConnection connection, List<(ProposalRow Proposal, List<ImageDecision> Candidates)> created, CancellationToken cancellation) =>
        BulkCopy.WriteAsync(
            connection,
            "proposal_candidates (proposal_id, digest, tags, size_bytes, pushed_at, last_pulled_at, reasons)",
            created.SelectMany(entry => entry.Candidates.Select(candidate => (entry.Proposal.Id, candidate))),
            async (copy, row, token) =>
            {
                var image = row.candidate.Image;
                await copy.WriteAsync(row.Id, NpgsqlDbType.Bigint, token);
                await copy.WriteAsync(image.Digest, NpgsqlDbType.Text, token);
                await copy.WriteAsync(image.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, token);
                await copy.WriteAsync(image.SizeBytes, NpgsqlDbType.Bigint, token);
                await copy.WriteAsync(image.PushedAt, NpgsqlDbType.TimestampTz, token);
                await copy.WriteNullableAsync(image.LastPulledAt, NpgsqlDbType.TimestampTz, token);
                await copy.WriteAsync(row.candidate.ReasonCodes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, token);
            },
            cancellation);

    private static ProposalRow NewProposal(long repositoryId, long snapshotId, string set, RepositoryPlan repository, List<ImageDecision> candidates, DateTimeOffset now) => new()
    {
        RepositoryId = repositoryId,
        SnapshotId = snapshotId,
        ConfirmedSnapshotId = snapshotId,
        CandidateSet = set,
        CandidateCount = candidates.Count,
        CandidateBytes = repository.Bytes.CandidateBytes,
        ReclaimableBytes = repository.Bytes.ReclaimableBytes,
        CreatedAt = now,
    };
}
