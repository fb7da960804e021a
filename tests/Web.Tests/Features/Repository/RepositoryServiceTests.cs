using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Repository;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Repository;

[Collection(AwsEnvironmentCollection.Name)]
public class RepositoryServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheHeaderShowsWhereTheRepositoryIsWhoseItIsAndItsFigures()
    {
        await using var app = await DashboardApp.StartAsync();
        var row = await ReadAsync(app, db => db.Repositories.OrderByDescending(repository => repository.CandidateCount).FirstAsync(Cancellation));
        await using var scope = app.As("vera", CuratorRoles.Viewer);

        var summary = await Service(scope).GetAsync(row.Id, Cancellation);

        Assert.NotNull(summary);
        Assert.Equal((DashboardApp.RegistryAccount, DashboardApp.Region, row.Name, row.Team, row.Mode), (summary.AccountId, summary.Region, summary.Name, summary.Team, summary.Mode));
        Assert.Equal((row.ImageCount, row.ImageBytes, row.CandidateCount, row.CandidateBytes, row.ReclaimableBytes), (summary.ImageCount, summary.ImageBytes, summary.CandidateCount, summary.CandidateBytes, summary.ReclaimableBytes));
        Assert.True(summary.CandidateCount > 0);
        Assert.True(summary.MonthlySavings >= 0);
        Assert.Null(await Service(scope).GetAsync(-1, Cancellation));
    }

    [Fact]
    public async Task TheStorageFilterShowsOnlyImagesInTheArchiveOrOnlyActiveOnesEachMarkedSo()
    {
        await using var app = await DashboardApp.StartAsync();
        var top = await ReadAsync(app, db => db.Images.Where(image => image.GoneAt == null && !image.IsDependent).OrderBy(image => image.RepositoryId).ThenBy(image => image.Digest).Take(3).ToListAsync(Cancellation));
        var repositoryId = top[0].RepositoryId;
        var archived = top.Where(image => image.RepositoryId == repositoryId).Take(2).Select(image => image.Digest).ToArray();
        await using (var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(Cancellation))
        {
            await db.Images.Where(image => image.RepositoryId == repositoryId && archived.Contains(image.Digest))
                .ExecuteUpdateAsync(setters => setters.SetProperty(image => image.Status, "ARCHIVED"), Cancellation);
            await db.Images.Where(image => image.RepositoryId == repositoryId && image.Digest == archived[0])
                .ExecuteUpdateAsync(setters => setters.SetProperty(image => image.Status, "ACTIVATING"), Cancellation);
        }

        await using var scope = app.As("vera", CuratorRoles.Viewer);
        var inArchive = await Service(scope).ImagesAsync(repositoryId, new ImageQuery(PageSize: 500, Storage: StorageFilter.Archived), Cancellation);
        var active = await Service(scope).ImagesAsync(repositoryId, new ImageQuery(PageSize: 500, Storage: StorageFilter.Active), Cancellation);
        var all = await Service(scope).ImagesAsync(repositoryId, new ImageQuery(PageSize: 500), Cancellation);

        Assert.Equal(archived.Order(), inArchive.Images.Select(line => line.Digest).Order());
        Assert.Equal((true, false), (inArchive.Images.Single(line => line.Digest == archived[0]).IsActivating, inArchive.Images.Single(line => line.Digest == archived[0]).IsArchived));
        Assert.True(inArchive.Images.Single(line => line.Digest == archived[1]).IsArchived);
        Assert.DoesNotContain(active.Images, line => archived.Contains(line.Digest));
        Assert.Equal(all.Total, active.Total + inArchive.Total);
    }

    [Fact]
    public async Task IndexChildrenAndAttachedArtifactsAreNestedUnderTheirParentRatherThanListedOnTheirOwn()
    {
        await using var app = await DashboardApp.StartAsync();
        var images = await ReadAsync(app, db => db.Images.Where(image => image.GoneAt == null).ToListAsync(Cancellation));
        await using var scope = app.As("vera", CuratorRoles.Viewer);

        var indexes = images.Where(image => image.Manifests.Length > 0).ToList();
        var bySubject = images.Where(image => image.Subject is not null).ToList();
        var byTag = images.Where(image => image.Tags.Any(tag => tag.StartsWith("sha256-", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(indexes);
        Assert.NotEmpty(bySubject);
        Assert.NotEmpty(byTag);

        foreach (var repositoryId in images.Select(image => image.RepositoryId).Distinct())
        {
            var page = await Service(scope).ImagesAsync(repositoryId, new ImageQuery(PageSize: 500), Cancellation);
            var lines = Flatten(page.Images).ToList();
            var present = images.Where(image => image.RepositoryId == repositoryId).Select(image => image.Digest).Order().ToList();

            Assert.Equal(page.Total, page.Images.Count);
            Assert.Equal(present, lines.Select(line => line.Digest).Distinct().Order());
            Assert.All(page.Images, line => Assert.Equal(ImageRelation.TopLevel, line.Relation));
            foreach (var index in indexes.Where(image => image.RepositoryId == repositoryId))
            {
                var line = lines.First(line => line.Digest == index.Digest);
                Assert.Equal(index.Manifests.Order(), line.Dependents.Where(child => child.Relation == ImageRelation.IndexChild).Select(child => child.Digest).Order());
                Assert.DoesNotContain(page.Images, top => index.Manifests.Contains(top.Digest));
            }

            foreach (var artifact in bySubject.Concat(byTag).Where(image => image.RepositoryId == repositoryId))
            {
                var subject = artifact.Subject ?? "sha256:" + artifact.Tags.First(tag => tag.StartsWith("sha256-", StringComparison.Ordinal))[7..71];
                var parent = lines.First(line => line.Digest == subject);
                Assert.Contains(parent.Dependents, dependent => dependent.Digest == artifact.Digest && dependent.Relation == ImageRelation.Attachment);
                Assert.DoesNotContain(page.Images, top => top.Digest == artifact.Digest);
            }
        }
    }

    [Fact]
    public async Task WhereAnInUseImageRunsIsShownByAccountClusterAndServiceOrTaskOrLambdaVersion()
    {
        await using var app = await DashboardApp.StartAsync();
        var used = await ReadAsync(app, db => db.Images.Where(image => image.UsedBy.Length > 0 && image.Manifests.Length == 0 && image.Subject == null).ToListAsync(Cancellation));
        Assert.NotEmpty(used);
        await using var scope = app.As("vera", CuratorRoles.Viewer);

        foreach (var image in used)
        {
            var page = await Service(scope).ImagesAsync(image.RepositoryId, new ImageQuery(PageSize: 500), Cancellation);
            var line = Flatten(page.Images).First(line => line.Digest == image.Digest);

            Assert.Contains("in-use", line.Reasons);
            Assert.Equal(image.UsedBy.Length, line.UsedBy.Count);
            Assert.All(line.UsedBy, site =>
            {
                Assert.Matches("^[0-9]{12}$", site.AccountId);
                if (site.Function is not null)
                {
                    Assert.NotNull(site.Version); // a Lambda function version
                    return;
                }

                Assert.NotEmpty(site.Cluster);
                Assert.True(site.Service is not null ^ site.TaskId is not null);
                Assert.NotNull(site.TaskDefinition);
            });
        }
    }

    [Fact]
    public async Task ACandidatePulledInTheLastSevenDaysIsFlaggedForASecondLook()
    {
        await using var app = await DashboardApp.StartAsync();
        var candidates = await ReadAsync(app, db => db.Images.Where(image => image.Decision == "delete" && image.Manifests.Length == 0 && image.Subject == null)
            .OrderBy(image => image.Id).Take(2).ToListAsync(Cancellation));
        var kept = await ReadAsync(app, db => db.Images.Where(image => image.Decision == "keep" && image.Manifests.Length == 0).OrderBy(image => image.Id).FirstAsync(Cancellation));
        var now = DateTimeOffset.UtcNow;
        await SetLastPulledAsync(app, candidates[0].Id, now.AddDays(-2));
        await SetLastPulledAsync(app, candidates[1].Id, now.AddDays(-9));
        await SetLastPulledAsync(app, kept.Id, now.AddDays(-1));
        await using var scope = app.As("vera", CuratorRoles.Viewer);

        async Task<ImageLine> LineAsync(ImageRow image) =>
            Flatten((await Service(scope).ImagesAsync(image.RepositoryId, new ImageQuery(PageSize: 500), Cancellation)).Images).First(line => line.Digest == image.Digest);

        Assert.True((await LineAsync(candidates[0])).RecentlyPulledCandidate);
        Assert.False((await LineAsync(candidates[1])).RecentlyPulledCandidate);
        Assert.False((await LineAsync(kept)).RecentlyPulledCandidate);
    }

    [Fact]
    public async Task ImagesArePagedSortedAndFilteredByDecisionOnTheServer()
    {
        await using var app = await DashboardApp.StartAsync();
        var repository = await ReadAsync(app, db => db.Repositories.OrderByDescending(row => row.CandidateCount).FirstAsync(Cancellation));
        await using var scope = app.As("vera", CuratorRoles.Viewer);
        var service = Service(scope);

        var all = await service.ImagesAsync(repository.Id, new ImageQuery(PageSize: 500), Cancellation);
        var first = await service.ImagesAsync(repository.Id, new ImageQuery(Page: 0, PageSize: 3), Cancellation);
        var second = await service.ImagesAsync(repository.Id, new ImageQuery(Page: 1, PageSize: 3), Cancellation);
        var bySize = await service.ImagesAsync(repository.Id, new ImageQuery(PageSize: 500, Sort: ImageSort.Size, Descending: false), Cancellation);
        var deleted = await service.ImagesAsync(repository.Id, new ImageQuery(PageSize: 500, Decision: DecisionFilter.Delete), Cancellation);
        var kept = await service.ImagesAsync(repository.Id, new ImageQuery(PageSize: 500, Decision: DecisionFilter.Keep), Cancellation);

        Assert.True(all.Total > 6);
        Assert.Equal(all.Images.Select(line => line.PushedAt), all.Images.Select(line => line.PushedAt).OrderDescending());
        Assert.Equal(all.Images.Take(6).Select(line => line.Digest), first.Images.Concat(second.Images).Select(line => line.Digest));
        Assert.Equal(all.Total, first.Total);
        Assert.Equal(bySize.Images.Select(line => line.SizeBytes), bySize.Images.Select(line => line.SizeBytes).Order());
        Assert.NotEmpty(deleted.Images);
        Assert.All(deleted.Images, line => Assert.Equal("delete", line.Decision));
        Assert.All(kept.Images, line => Assert.Equal("keep", line.Decision));
        Assert.Equal(all.Total, deleted.Total + kept.Total);
    }

    [Fact]
    public async Task ThePolicyInEffectSaysWhichSettingsTheTeamAndTheRepositoryOverride()
    {
        await using var app = await DashboardApp.StartAsync(null, "--Curator:Policy:WindowDays=45");
        var repository = await ReadAsync(app, db => db.Repositories.OrderBy(row => row.Id).FirstAsync(Cancellation));
        await WriteAsync(app, db =>
        {
            db.Policies.Add(new PolicyRow { Scope = "Team", Team = repository.Team, KeepNewest = 3, DeleteUntagged = false });
            db.Policies.Add(new PolicyRow { Scope = "Repository", Repository = repository.Name, KeepNewest = 5, KeepTagPatterns = ["release-*"] });
            db.Policies.Add(new PolicyRow { Scope = "Team", Team = "someone-else", Excluded = true });
        });
        await using var scope = app.As("vera", CuratorRoles.Viewer);

        var settings = (await Service(scope).PolicyAsync(repository.Id, Cancellation)).ToDictionary(setting => setting.Field);

        Assert.Equal(new PolicySetting(PolicyField.WindowDays, 45, PolicyLevel.Default), settings[PolicyField.WindowDays]);
        Assert.Equal(new PolicySetting(PolicyField.DeleteUntagged, false, PolicyLevel.Team, repository.Team), settings[PolicyField.DeleteUntagged]);
        Assert.Equal(new PolicySetting(PolicyField.KeepNewest, 5, PolicyLevel.Repository), settings[PolicyField.KeepNewest]);
        Assert.Equal(["release-*"], (string[])settings[PolicyField.KeepTagPatterns].Value!);
        Assert.Equal(PolicyLevel.Repository, settings[PolicyField.KeepTagPatterns].Origin);
        Assert.Equal(new PolicySetting(PolicyField.Excluded, false, PolicyLevel.Default), settings[PolicyField.Excluded]);
    }

    private static RepositoryService Service(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<RepositoryService>();

    private static IEnumerable<ImageLine> Flatten(IEnumerable<ImageLine> lines) =>
        lines.SelectMany(line => Flatten(line.Dependents).Prepend(line));

    private static async Task<T> ReadAsync<T>(DashboardApp app, Func<CuratorDbContext, Task<T>> read)
    {
        await using var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(Cancellation);
        return await read(db);
    }

    private static async Task WriteAsync(DashboardApp app, Action<CuratorDbContext> write)
    {
        await using var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(Cancellation);
        write(db);
        await db.SaveChangesAsync(Cancellation);
    }

    private static Task SetLastPulledAsync(DashboardApp app, long imageId, DateTimeOffset at) =>
        WebTestDatabase.ExecuteAsync(app.Database, $"UPDATE images SET last_pulled_at = '{at:O}' WHERE id = {imageId}");
}
