using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Snapshots;
using EcrCurator.Infrastructure.Tests.Persistence;
using EcrCurator.Worlds;
using Microsoft.EntityFrameworkCore;
using static EcrCurator.Infrastructure.Tests.Snapshots.SnapshotWorlds;

namespace EcrCurator.Infrastructure.Tests.Snapshots;

[Collection(DatabaseCollection.Name)]
public sealed class SnapshotTests(TestDatabase database) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task StoresTheWorldAndProposesExactlyTheEnginesCandidates()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, WorldFile.Read(Path.Combine(AppContext.BaseDirectory, "Worlds", "seed-table.world.json")));

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Complete", snapshot.Status);
        await using var db = database.Contexts.CreateDbContext();
        var proposal = await db.Proposals.Include(row => row.Candidates).SingleAsync(Cancellation);
        Assert.Equal(ProposalStatus.Pending, proposal.Status);
        Assert.Equal(
            ["sha256:3cea7c6c094575ebf0134caf3663c05ac9db2dce9af2cd2d2fb94750fa37cf30", "sha256:dc33eb41ca3892b8abf08d6fc1b59604096b04625f101716fe1a7665b17af9b8"],
            proposal.Candidates.Select(candidate => candidate.Digest).Order());
        Assert.Equal(50_000_000, proposal.ReclaimableBytes);
        var images = await db.Images.AsNoTracking().ToListAsync(Cancellation);
        Assert.Equal(5, images.Count);
        Assert.Equal(["in-use", "outside-window"], images.Single(image => image.Digest.StartsWith("sha256:1acfc054", StringComparison.Ordinal)).Reasons);
        Assert.Contains(images.Single(image => image.Digest.StartsWith("sha256:1acfc054", StringComparison.Ordinal)).UsedBy, site => site.Contains("/prod/", StringComparison.Ordinal));
        Assert.All(images, image => Assert.NotNull(image.LayerDigests));
        Assert.Equal(["team=care"], (await db.Repositories.SingleAsync(Cancellation)).Tags);
        Assert.Equal(["snapshot.started", "proposal.created", "snapshot.completed"], await db.AuditEntries.OrderBy(entry => entry.Id).Select(entry => entry.Action).ToListAsync(Cancellation));
    }

    [Fact]
    public async Task SupersedesOnlyTheProposalsOfRepositoriesWhoseCandidatesChanged()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        var first = await harness.SnapshotAsync();

        // A new push moves a/one's window: its recent image becomes a candidate too. b/two does not change.
        await harness.ControlAsync("images", new { repository = "a/one", image = Image("a-newer", "3", "2027-01-01"), accountId = Account, region = Region });
        var second = await harness.SnapshotAsync();

        await using var db = database.Contexts.CreateDbContext();
        var proposals = await db.Proposals.Include(row => row.Candidates).Join(db.Repositories, proposal => proposal.RepositoryId, repository => repository.Id, (proposal, repository) => new { repository.Name, Proposal = proposal })
            .OrderBy(row => row.Proposal.Id).ToListAsync(Cancellation);
        Assert.Equal(
            [("a/one", ProposalStatus.Superseded, first.Id), ("b/two", ProposalStatus.Pending, second.Id), ("a/one", ProposalStatus.Pending, second.Id)],
            proposals.Select(row => (row.Name, row.Proposal.Status, row.Proposal.ConfirmedSnapshotId)));
        Assert.Equal(new[] { Digest("a-new"), Digest("a-old") }.Order(), proposals[2].Proposal.Candidates.Select(candidate => candidate.Digest).Order());
        Assert.Contains("proposal.superseded", await db.AuditEntries.Select(entry => entry.Action).ToListAsync(Cancellation));
    }

    [Fact]
    public async Task ARepeatSnapshotOfAnUnchangedWorldRewritesNoImageAndReadsNoManifest()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        var first = await harness.SnapshotAsync();
        await harness.Control.DeleteAsync("requests", Cancellation);

        var second = await harness.SnapshotAsync();

        await using var db = database.Contexts.CreateDbContext();
        Assert.All(await db.Images.AsNoTracking().ToListAsync(Cancellation), image => Assert.Equal(first.Id, image.ChangedSnapshotId));
        Assert.All(await db.Proposals.AsNoTracking().ToListAsync(Cancellation), proposal => Assert.Equal(second.Id, proposal.ConfirmedSnapshotId));
        var requests = await harness.Control.GetStringAsync("requests", Cancellation);
        Assert.DoesNotContain("BatchGetImage", requests);
        Assert.Contains("DescribeImages", requests);
    }

    [Fact]
    public async Task APinKeepsItsImageFromTheNextSnapshotsProposal()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        await harness.SnapshotAsync();
        await using (var db = database.Contexts.CreateDbContext())
        {
            db.Pins.Add(new PinRow { AccountId = Account, Region = Region, Repository = "b/two", Digest = Digest("b-old"), Actor = "alice", Reason = "rollback target", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Cancellation);
        }

        await harness.SnapshotAsync();

        await using var check = database.Contexts.CreateDbContext();
        var pinned = await check.Images.AsNoTracking().SingleAsync(image => image.Digest == Digest("b-old"), Cancellation);
        Assert.Equal("keep", pinned.Decision);
        Assert.Contains("pinned", pinned.Reasons);
        Assert.DoesNotContain(await check.ProposalCandidates.Join(check.Proposals.Where(proposal => proposal.Status == ProposalStatus.Pending), candidate => candidate.ProposalId, proposal => proposal.Id, (candidate, _) => candidate.Digest).ToListAsync(Cancellation), digest => digest == Digest("b-old"));
    }

    [Fact]
    public async Task RollbackTargetsAreTheNewestRevisionsOfTheFamilyWhateverOrderEcsListsThemIn()
    {
        var reference = $"{Account}.dkr.ecr.{Region}.amazonaws.com/shop/web";
        var world = new World
        {
            Accounts =
            [
                new WorldAccount
                {
                    AccountId = Account,
                    Region = Region,
                    Repositories = [Repository("shop/web", [.. Enumerable.Range(1, 5).Select(n => Image($"web-{n}", $"{n}", $"2026-05-0{n}")), Image("recent", "latest", "2026-11-20")])],
                    TaskDefinitions =
                    [
                        .. Enumerable.Range(1, 5).Select(n => new WorldTaskDefinition { Family = "web", Revision = n, Containers = [new WorldContainerDefinition("app", $"{reference}:{n}")] }),
                        new WorldTaskDefinition { Family = "web-worker", Revision = 9, Containers = [new WorldContainerDefinition("app", $"{reference}:1")] },
                    ],
                },
            ],
        };
        await using var harness = await SnapshotHarness.StartAsync(database, world, ["--Curator:Policy:KeepRollbackRevisions=2"]);
        await harness.ControlAsync("tasks", new { cluster = "prod", task = new { id = "beef05", taskDefinition = "web:5", containers = new[] { new { name = "app", image = $"{reference}:5", imageDigest = Digest("web-5") } } } });
        await harness.ControlAsync("faults", new { kind = "ignore-sort", operation = "ecs:ListTaskDefinitions" });

        await harness.SnapshotAsync();

        await using var db = database.Contexts.CreateDbContext();
        var rollback = await db.Images.AsNoTracking().Where(image => image.Reasons.Contains("rollback-target")).Select(image => image.Digest).ToListAsync(Cancellation);
        Assert.Equal(new[] { Digest("web-4"), Digest("web-5") }.Order(), rollback.Order());
    }

    [Fact]
    public async Task AStoredTeamPolicyChangesTheNextSnapshot()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        await using (var db = database.Contexts.CreateDbContext())
        {
            db.Policies.Add(new PolicyRow { Scope = "Team", Team = "a", WindowDays = 365, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Cancellation);
        }

        await harness.SnapshotAsync();

        await using var check = database.Contexts.CreateDbContext();
        Assert.Equal(["b/two"], await check.Proposals.Join(check.Repositories, proposal => proposal.RepositoryId, repository => repository.Id, (_, repository) => repository.Name).ToListAsync(Cancellation));
    }

    [Fact]
    public async Task AnAccessDeniedUsageSourceLeavesNoNewProposalsAndSaysWhy()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        await harness.ControlAsync("faults", new { kind = "access-denied", operation = "ecs:ListClusters" });

        var snapshot = await harness.SnapshotAsync();

        Assert.Equal("Incomplete", snapshot.Status);
        Assert.Contains(snapshot.IncompleteReasons, reason => reason.Contains("ecs:ListClusters", StringComparison.Ordinal));
        await using var db = database.Contexts.CreateDbContext();
        Assert.Empty(await db.Proposals.ToListAsync(Cancellation));
        Assert.All(await db.Images.ToListAsync(Cancellation), image => Assert.Equal("keep", image.Decision));
        Assert.Equal("Failed", (await db.SnapshotSources.SingleAsync(Cancellation)).Status);
    }

    [Fact]
    public async Task RefusesASecondSnapshotWhileOneRunsButNotAfterOneWasAbandoned()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        await using (var db = database.Contexts.CreateDbContext())
        {
            var abandoned = new SnapshotRow { StartedAt = DateTimeOffset.UtcNow.AddMinutes(-5), StartedBy = "nightly" };
            db.Snapshots.Add(abandoned);
            await db.SaveChangesAsync(Cancellation);
            // What its read had staged before its process died.
            db.SnapshotReadRepositories.Add(new SnapshotReadRepositoryRow { SnapshotId = abandoned.Id, AccountId = Account, Region = Region, Name = "a/one", Team = "a", Payload = [1] });
            db.SnapshotReads.Add(new SnapshotReadRow { SnapshotId = abandoned.Id, AccountId = "222222222222", Region = Region, Payload = [1] });
            await db.SaveChangesAsync(Cancellation);
        }

        await Assert.ThrowsAsync<SnapshotRunningException>(harness.SnapshotAsync);

        await using (var db = database.Contexts.CreateDbContext())
        {
            await db.Snapshots.ExecuteUpdateAsync(setters => setters.SetProperty(row => row.StartedAt, DateTimeOffset.UtcNow - SnapshotService.Abandoned - TimeSpan.FromMinutes(1)), Cancellation);
        }

        Assert.Equal("Complete", (await harness.SnapshotAsync()).Status);
        await using var check = database.Contexts.CreateDbContext();
        Assert.Equal(["Failed", "Complete"], await check.Snapshots.OrderBy(row => row.Id).Select(row => row.Status).ToListAsync(Cancellation));
        Assert.Empty(await check.SnapshotReads.ToListAsync(Cancellation));
        Assert.Empty(await check.SnapshotReadRepositories.ToListAsync(Cancellation));
    }

    [Fact]
    public async Task ReportsAccountRegionsAndRepositoriesReadWhileASnapshotRuns()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories(), ["--Curator:UsageSources:0:AccountId=222222222222", "--Curator:UsageSources:0:Region=ap-northeast-1"]);
        var snapshots = harness.Service<SnapshotService>();
        var contexts = harness.Service<IDbContextFactory<EcrCurator.Infrastructure.Persistence.CuratorDbContext>>();

        var started = await snapshots.StartAsync("alice", Cancellation);
        var before = await SnapshotProgress.LatestAsync(contexts, Cancellation);
        var last = await snapshots.ReadSourceAsync(started.Id, Account, Region, Cancellation);
        var halfway = await SnapshotProgress.LatestAsync(contexts, Cancellation);

        Assert.Equal(new SnapshotProgress(started.Id, "Running", 0, 2, 0, 0), before);
        Assert.False(last);
        Assert.Equal(new SnapshotProgress(started.Id, "Running", 1, 2, 2, 2), halfway);
        Assert.True(await snapshots.ReadSourceAsync(started.Id, "222222222222", Region, Cancellation));
        Assert.Equal("Complete", (await snapshots.SettleAsync(started.Id, Cancellation)).Status);
    }

    [Fact]
    public async Task ASourceReadAgainAfterItsProcessDiedReplacesWhatItsFirstReadStaged()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        var snapshots = harness.Service<SnapshotService>();
        var started = await snapshots.StartAsync("alice", Cancellation);
        await using (var db = database.Contexts.CreateDbContext())
        {
            // The first read staged a repository (since deleted) and died before it recorded the source as read.
            db.SnapshotReadRepositories.Add(new SnapshotReadRepositoryRow
            {
                SnapshotId = started.Id, AccountId = Account, Region = Region, Name = "a/ghost", Team = "a", Payload = [0x1f, 0x8b, 0, 0],
            });
            await db.SaveChangesAsync(Cancellation);
        }

        Assert.True(await snapshots.ReadSourceAsync(started.Id, Account, Region, Cancellation));
        var settled = await snapshots.SettleAsync(started.Id, Cancellation);

        Assert.Equal("Complete", settled.Status);
        await using var check = database.Contexts.CreateDbContext();
        Assert.Equal(["a/one", "b/two"], await check.Repositories.OrderBy(row => row.Name).Select(row => row.Name).ToListAsync(Cancellation));
        Assert.Empty(await check.SnapshotReadRepositories.ToListAsync(Cancellation));
        Assert.Empty(await check.SnapshotReads.ToListAsync(Cancellation));
    }

    [Fact]
    public async Task RecordsWhichImagesHangUnderAnotherAsTheEngineFoundAndTheMigrationsBackfillAgrees()
    {
        var world = AwsSimulator.Generation.WorldGenerator.Generate(new AwsSimulator.Generation.GeneratorSettings
        {
            Seed = 5, Repositories = 6, ImagesPerRepository = 25, MultiArchShare = 0.4, SignatureShare = 0.4, Services = 2,
        });
        await using var harness = await SnapshotHarness.StartAsync(database, world);
        await harness.SnapshotAsync();
        await using var db = database.Contexts.CreateDbContext();
        var recorded = await db.Images.OrderBy(image => image.Id).Select(image => new { image.Digest, image.Manifests, image.IsDependent }).ToListAsync(Cancellation);

        await db.Images.ExecuteUpdateAsync(setters => setters.SetProperty(image => image.IsDependent, false), Cancellation);
        await db.Database.OpenConnectionAsync(Cancellation);
        await using (var backfill = db.Database.GetDbConnection().CreateCommand())
        {
            backfill.CommandText = EcrCurator.Infrastructure.Persistence.Migrations.ImageDependents.Backfill;
            await backfill.ExecuteNonQueryAsync(Cancellation);
        }

        var backfilled = await db.Images.OrderBy(image => image.Id).Select(image => image.IsDependent).ToListAsync(Cancellation);

        var children = recorded.SelectMany(image => image.Manifests).ToHashSet();
        Assert.All(recorded.Where(image => children.Contains(image.Digest)), child => Assert.True(child.IsDependent, child.Digest));
        Assert.Contains(recorded, image => image.IsDependent && !children.Contains(image.Digest)); // signatures
        Assert.Contains(recorded, image => !image.IsDependent);
        Assert.Equal(recorded.Select(image => image.IsDependent), backfilled);
    }

    [Fact]
    public async Task MarksADeletedRepositoryGoneAndSupersedesItsProposal()
    {
        await using var harness = await SnapshotHarness.StartAsync(database, TwoRepositories());
        await harness.SnapshotAsync();
        var world = TwoRepositories();
        world = world with { Accounts = [world.Accounts[0] with { Repositories = [world.Accounts[0].Repositories[0]] }] };
        using (var content = new ByteArrayContent(Serialize(world)))
        {
            (await harness.Control.PutAsync("world", content, Cancellation)).EnsureSuccessStatusCode();
        }

        await harness.SnapshotAsync();

        await using var db = database.Contexts.CreateDbContext();
        var repositories = await db.Repositories.OrderBy(row => row.Name).ToListAsync(Cancellation);
        Assert.Null(repositories[0].GoneAt);
        Assert.NotNull(repositories[1].GoneAt);
        Assert.Equal(ProposalStatus.Superseded, (await db.Proposals.SingleAsync(row => row.RepositoryId == repositories[1].Id, Cancellation)).Status);
        Assert.All(await db.Images.Where(image => image.RepositoryId == repositories[1].Id).ToListAsync(Cancellation), image => Assert.NotNull(image.GoneAt));
    }

    private static byte[] Serialize(World world)
    {
        using var stream = new MemoryStream();
        WorldFile.Write(world, stream);
        return stream.ToArray();
    }
}
