using EcrCurator.Domain;
using EcrCurator.Infrastructure.Execution;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Execution;

/// <summary>The order a batch goes in: deletions index first, archives what hangs on an image first.</summary>
public sealed class ArchiveOrderTests
{
    private static readonly DateTimeOffset Pushed = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static ImageRecord Plain(string name) => new() { Digest = Digest(name), PushedAt = Pushed };

    private static ImageRecord Index(string name, params string[] children) =>
        new() { Digest = Digest(name), PushedAt = Pushed, MediaType = ImageRecord.IndexMediaType, Manifests = [.. children.Select(Digest)] };

    [Fact]
    public void ArchivesTheDeepestImagesFirstEachLevelInItsOwnBatch()
    {
        ImageRecord[] repository =
        [
            Index("index", "linux"), Index("linux", "amd64"), Plain("amd64"), Plain("amd64-sig") with { Subject = Digest("amd64") }, Plain("other"),
        ];

        var batches = ArchiveOrder.Batches(repository, repository);

        Assert.Equal(
            [[Digest("amd64-sig")], [Digest("amd64")], [Digest("linux")], new[] { Digest("index"), Digest("other") }.Order().ToArray()],
            batches.Select(batch => batch.Select(image => image.Digest).ToArray()));
    }

    [Fact]
    public void DeletesAnIndexWhoseChildrenAreUnknownBeforeAnyOtherImage()
    {
        ImageRecord[] images = [Plain("a"), Plain("b"), new() { Digest = Digest("z-index"), PushedAt = Pushed, MediaType = ImageRecord.IndexMediaType, ChildrenUnknown = true }];

        var batches = DeletionOrder.Batches(images);

        Assert.Equal([[Digest("z-index")], new[] { Digest("a"), Digest("b") }.Order().ToArray()], batches.Select(batch => batch.Select(image => image.Digest).ToArray()));
    }
}
