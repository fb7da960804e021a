using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// Keeps a repository's stored decisions and figures true between snapshots, after a pin, an unpin or an execution:
/// a pinned image (and what hangs on it) is kept at once, and leaves the repository's figures and its open proposals'
/// counts and bytes; what an execution deleted has already left the stored images, and what hung on it only (a kept
/// child of a deleted index) is listed on its own. Nothing here decides anew: an
/// image the snapshot proposed is a candidate again once nothing pinned holds it; any other image keeps its stored
/// decision until the next snapshot (an image the snapshot kept only for a pin removed since stays kept until then).
/// </summary>
public static class StandingDecisions
{
    private const string Delete = "delete";
    private const string Keep = "keep";

    /// <summary>Proposals whose candidates may still be executed: their counts follow pins.</summary>
    private static readonly string[] Open = [ProposalStatus.Pending, ProposalStatus.Held, ProposalStatus.Approved];

    private static readonly string PinnedCode = ReasonCodes.Code(Reasons.Pinned);

    /// <summary>Restates one repository in <paramref name="db"/>'s transaction (one of its own when there is none), its row locked.</summary>
    public static async Task RestateAsync(CuratorDbContext db, long repositoryId, DateTimeOffset now, CancellationToken cancellation)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellation) : null;
        var repository = await db.Repositories.FromSql($"SELECT * FROM repositories WHERE id = {repositoryId} FOR UPDATE").SingleAsync(cancellation);
        var images = await db.Images.Where(image => image.RepositoryId == repositoryId && image.GoneAt == null).ToListAsync(cancellation);
        var pinned = (await db.Pins
                .Where(pin => pin.AccountId == repository.AccountId && pin.Region == repository.Region && pin.Repository == repository.Name)
                .Where(pin => pin.ExpiresAt == null || pin.ExpiresAt > now)
                .Select(pin => pin.Digest).ToListAsync(cancellation))
            .ToHashSet(StringComparer.Ordinal);
        var proposals = await db.Proposals.Include(proposal => proposal.Candidates)
            .Where(proposal => proposal.RepositoryId == repositoryId && Open.Contains(proposal.Status)).ToListAsync(cancellation);
        var proposed = proposals.SelectMany(proposal => proposal.Candidates).DistinctBy(candidate => candidate.Digest).ToDictionary(candidate => candidate.Digest, StringComparer.Ordinal);

        var records = images.Select(Record).ToList();
        var held = KeptWith.Of(records, pinned);
        var dependents = Dependents.Of(records);
        foreach (var image in images)
        {
            Restate(image, proposed.GetValueOrDefault(image.Digest), pinned.Contains(image.Digest), held.GetValueOrDefault(image.Digest));
            if (image.IsDependent != dependents.Contains(image.Digest))
            {
                image.IsDependent = !image.IsDependent; // a child whose index was deleted is listed on its own
            }
        }

        var decisions = images.Select((image, i) => new ImageDecision(records[i], image.Decision == Delete ? Decision.Delete : Decision.Keep, Reasons.None, [])
        {
            Action = image.Action == CandidateActions.Quarantine ? RetentionAction.Quarantine : RetentionAction.Delete,
        }).ToList();
        var figures = StorageFigures.Of(decisions);
        Describe(repository, images, figures);
        var candidates = images.Where(image => image.Decision == Delete).ToDictionary(image => image.Digest, StringComparer.Ordinal);
        foreach (var proposal in proposals)
        {
            var left = proposal.Candidates.Where(candidate => candidates.ContainsKey(candidate.Digest)).ToList();
            proposal.CandidateCount = left.Count;
            proposal.CandidateBytes = left.Sum(candidate => candidate.SizeBytes);
            proposal.ReclaimableBytes = figures.ReclaimableBytes;
        }

        await db.SaveChangesAsync(cancellation);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellation);
        }
    }

    /// <summary>
    /// The snapshot's decision where it proposed the image, else the stored one; then kept if pinned or hanging on a
    /// kept image. A pin the snapshot saw and that is gone no longer shows as a reason, but the image stays kept.
    /// </summary>
    private static void Restate(ImageRow image, ProposalCandidateRow? candidate, bool isPinned, Reasons hangsOn)
    {
        var (decision, reasons, action) = candidate is not null
            ? (Delete, candidate.Reasons, candidate.Action)
            : (image.Decision, image.Reasons, image.Action);
        var codes = reasons.Select(ReasonCodes.Parse).Aggregate(Reasons.None, (all, reason) => all | reason);
        codes = isPinned ? codes | Reasons.Pinned : codes & ~Reasons.Pinned;
        codes |= hangsOn;
        if (isPinned || hangsOn != Reasons.None)
        {
            (decision, action) = (Keep, null);
        }

        var restated = ReasonCodes.Codes(codes).ToArray();
        if (image.Decision != decision || image.Action != action || !image.Reasons.SequenceEqual(restated))
        {
            (image.Decision, image.Action, image.Reasons) = (decision, action, restated);
        }
    }

    private static void Describe(RepositoryRow row, List<ImageRow> images, StorageFigures figures)
    {
        row.ImageCount = images.Count;
        row.CandidateCount = images.Count(image => image.Decision == Delete);
        row.InUseCount = images.Count(image => image.Reasons.Contains(ReasonCodes.Code(Reasons.InUse)));
        row.PinnedCount = images.Count(image => image.Reasons.Contains(PinnedCode));
        row.ImageBytes = figures.ImageBytes;
        row.CandidateBytes = figures.CandidateBytes;
        row.ReclaimableBytes = figures.ReclaimableBytes;
        row.QuarantineBytes = figures.QuarantineBytes;
        row.ArchivedBytes = images.Where(image => image.Status != Aws.Ecr.EcrStorage.Active).Sum(image => image.SizeBytes);
        row.LastPushedAt = images.Count == 0 ? null : images.Max(image => image.PushedAt);
    }

    /// <summary>What the domain needs of a stored image to relate it to the others and to count its bytes.</summary>
    private static ImageRecord Record(ImageRow image) => new()
    {
        Digest = image.Digest,
        Tags = image.Tags,
        PushedAt = image.PushedAt,
        SizeBytes = image.SizeBytes,
        MediaType = image.MediaType,
        Manifests = image.Manifests,
        Subject = image.Subject,
        Layers = image.LayerDigests is { } digests && image.LayerSizes is { } sizes ? [.. digests.Zip(sizes, (digest, size) => new Layer(digest, size))] : null,
    };
}
