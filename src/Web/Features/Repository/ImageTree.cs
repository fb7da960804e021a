using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Repository;

/// <summary>
/// A repository's images as a tree, read a page at a time: the top-level images (neither an index child nor an
/// attached artifact of another image of the repository, as SPEC 3.4 and 3.5 define them and the snapshot's engine
/// recorded), and under the visible ones only, their children and attachments, level by level.
/// </summary>
internal static class ImageTree
{
    /// <summary>Indexes may nest and artifacts may be attached to children; deeper than this is not shown.</summary>
    private const int MaxDepth = 6;

    private static readonly string[] AttachmentSuffixes = [".sig", ".att", ".sbom"];

    /// <summary>What a tag such as <c>sha256-HEX.sig</c> attaches (<c>sig</c>, <c>att</c> or <c>sbom</c>), or null for a tag of another kind.</summary>
    public static string? AttachmentKind(string tag) =>
        AttachmentSuffixes.FirstOrDefault(suffix => tag.Length == "sha256-".Length + 64 + suffix.Length
                                                    && tag.StartsWith("sha256-", StringComparison.Ordinal) && tag.EndsWith(suffix, StringComparison.Ordinal)
                                                    && !tag.AsSpan("sha256-".Length, 64).ContainsAnyExcept("0123456789abcdefABCDEF")) is { } found
            ? found[1..]
            : null;

    /// <summary>The repository's present images that hang under no other image of it, as its last snapshot found.</summary>
    public static IQueryable<ImageRow> TopLevel(CuratorDbContext db, long repositoryId) =>
        db.Images.AsNoTracking().Where(image => image.RepositoryId == repositoryId && image.GoneAt == null && !image.IsDependent);

    /// <summary>The dependents of <paramref name="parents"/> and theirs in turn, each with the parent it hangs under.</summary>
    public static async Task<IReadOnlyList<(string Parent, ImageRelation Relation, ImageFacts Image)>> DependentsAsync(
        CuratorDbContext db, long repositoryId, IReadOnlyList<ImageFacts> parents, CancellationToken cancellation)
    {
        var found = new List<(string, ImageRelation, ImageFacts)>();
        var seen = parents.Select(parent => parent.Digest).ToHashSet(StringComparer.Ordinal);
        var level = parents;
        for (var depth = 0; depth < MaxDepth && level.Count > 0; depth++)
        {
            var children = level.SelectMany(parent => parent.Manifests).Distinct().ToArray();
            var subjects = level.Select(parent => parent.Digest).ToArray();
            var attachmentTags = subjects.SelectMany(AttachmentTags).ToArray();
            var rows = await ImageFacts.Of(db.Images.AsNoTracking()
                    .Where(image => image.RepositoryId == repositoryId && image.GoneAt == null)
                    .Where(image => children.Contains(image.Digest)
                                    || (image.Subject != null && subjects.Contains(image.Subject))
                                    || image.Tags.Any(tag => attachmentTags.Contains(tag))))
                .ToListAsync(cancellation);

            var next = new List<ImageFacts>();
            foreach (var parent in level)
            {
                var tags = AttachmentTags(parent.Digest).ToHashSet(StringComparer.Ordinal);
                foreach (var row in rows.Where(row => row.Digest != parent.Digest))
                {
                    var relation = parent.Manifests.Contains(row.Digest) ? ImageRelation.IndexChild
                        : row.Subject == parent.Digest || row.Tags.Any(tags.Contains) ? ImageRelation.Attachment
                        : ImageRelation.TopLevel;
                    if (relation != ImageRelation.TopLevel)
                    {
                        found.Add((parent.Digest, relation, row));
                        if (seen.Add(row.Digest))
                        {
                            next.Add(row);
                        }
                    }
                }
            }

            level = next;
        }

        return found;
    }

    /// <summary>The tags (<c>sha256-HEX.sig</c>, <c>.att</c>, <c>.sbom</c>) that attach an artifact to <paramref name="digest"/>.</summary>
    private static IEnumerable<string> AttachmentTags(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal)
            ? AttachmentSuffixes.Select(suffix => "sha256-" + digest["sha256:".Length..] + suffix)
            : [];
}

/// <summary>What the repository page reads of an image row.</summary>
internal sealed record ImageFacts(
    string Digest,
    string[] Tags,
    DateTimeOffset PushedAt,
    DateTimeOffset? LastPulledAt,
    long SizeBytes,
    string Status,
    string Decision,
    string[] Reasons,
    string[] UsedBy,
    string[] Manifests,
    string? Subject,
    string? ArtifactMediaType,
    string? Action,
    DateTimeOffset? LastArchivedAt)
{
    public static IQueryable<ImageFacts> Of(IQueryable<ImageRow> images) => images.Select(image => new ImageFacts(
        image.Digest, image.Tags, image.PushedAt, image.LastPulledAt, image.SizeBytes, image.Status, image.Decision,
        image.Reasons, image.UsedBy, image.Manifests, image.Subject, image.ArtifactMediaType, image.Action, image.LastArchivedAt));
}
