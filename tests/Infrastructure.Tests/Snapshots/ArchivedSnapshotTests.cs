using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Snapshots;

/// <summary>Registries that already use ECR's archive: read image by image, never a whole repository left out.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ArchivedSnapshotTests(TestDatabase database) : IAsyncLifetime
{
    private const string IndexMediaType = "application/vnd.oci.image.index.v1+json";
    private static readonly DateTimeOffset ArchivedAt = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static World Registry(params WorldRepository[] repositories) =>
        new() { Accounts = [new WorldAccount { AccountId = Account, Region = Region, Repositories = repositories }] };

    [Fact]
    public async Task SnapshotsARegistryHoldingArchivedIndexesWithoutLeavingAnyRepositoryOut()
    {
        var world = Registry(
            Repository(
                "shop/agent",
                Image("amd64", "unused", "2026-05-01") with { Tags = [] },
                Image("arm64", "unused", "2026-05-01") with { Tags = [] },
                Image("index", "v1", "2026-05-01") with
                {
                    MediaType = IndexMediaType, Manifests = [Digest("amd64"), Digest("arm64")], Layers = null,
                    ImageStatus = "ARCHIVED", LastArchivedAt = ArchivedAt,
                },
                Image("sbom", "unused", "2026-05-02") with
                {
                    Tags = [], Subject = Digest("index"), ArtifactMediaType = "application/spdx+json", ImageStatus = "ARCHIVED", LastArchivedAt = ArchivedAt,
                },
                Image("later", "unused", "2026-06-01") with { Tags = [] },
                Image("recent", "v2", "2026-11-20")),
            Repository("shop/web", Image("old", "1", "2026-05-01"), Image("new", "2", "2026-11-20")));
        await using var harness = await SnapshotHarness.StartAsync(database, world);

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Complete", snapshot.Status);
        Assert.Empty(snapshot.Problems);
        Assert.Equal(2, snapshot.Repositories);
        await using var db = database.Contexts.CreateDbContext();
        var agent = await db.Repositories.SingleAsync(row => row.Name == "shop/agent", Cancellation);
        var images = await db.Images.AsNoTracking().Where(image => image.RepositoryId == agent.Id).ToDictionaryAsync(image => image.Digest, Cancellation);
        Assert.Equal(6, images.Count);
        Assert.Equal(("ARCHIVED", ArchivedAt), (images[Digest("index")].Status, images[Digest("index")].LastArchivedAt!.Value));
        Assert.Equal("delete", images[Digest("index")].Decision); // outside the window, unused: decided by its own rules
        Assert.Equal(Digest("index"), images[Digest("sbom")].Subject); // from DescribeImages: ECR serves no archived manifest
        Assert.Equal("delete", images[Digest("later")].Decision);
        var proposal = await db.Proposals.Include(row => row.Candidates).SingleAsync(row => row.RepositoryId == agent.Id, Cancellation);
        Assert.Equal(
            new[] { Digest("amd64"), Digest("arm64"), Digest("index"), Digest("later"), Digest("sbom") }.Order(),
            proposal.Candidates.Select(candidate => candidate.Digest).Order());
    }

    [Fact]
    public async Task KeepsWhatCouldBeAChildOfAKeptArchivedIndexWhoseChildrenAreUnknown()
    {
        var world = Registry(
            Repository(
                "shop/agent",
                Image("amd64", "unused", "2026-05-01") with { Tags = [] },
                Image("index", "v1", "2026-05-01") with { MediaType = IndexMediaType, Manifests = [Digest("amd64")], Layers = null, ImageStatus = "ARCHIVED" },
                Image("later", "unused", "2026-06-01") with { Tags = [] },
                Image("recent", "v2", "2026-11-20")));
        await using var harness = await SnapshotHarness.StartAsync(database, world, ["--Curator:Policy:KeepTagPatterns:0=v1"]);

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Complete", snapshot.Status);
        await using var db = database.Contexts.CreateDbContext();
        var images = await db.Images.AsNoTracking().ToDictionaryAsync(image => image.Digest, Cancellation);
        Assert.Equal(["kept-tag-pattern", "outside-window"], images[Digest("index")].Reasons);
        Assert.Equal(["index-child", "outside-window", "untagged"], images[Digest("amd64")].Reasons);
        Assert.Equal("keep", images[Digest("amd64")].Decision);
        Assert.Equal("delete", images[Digest("later")].Decision); // pushed after the index: never one of its children
    }
}
