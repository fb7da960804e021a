using System.Text.Json;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.Features.Pins;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Pins;

[Collection(AwsEnvironmentCollection.Name)]
public class PinsServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APinnedCandidateIsKeptByTheNextSnapshotAsPinned()
    {
        await using var app = await DashboardApp.StartAsync();
        var (repository, image) = await CandidateAsync(app);
        await using var scope = app.As("ben", CuratorRoles.Curator);

        await Service(scope).PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "release 1.4 rollback target", null, Cancellation);
        await app.SnapshotAsync();

        var after = await ImageAsync(app, image.Id);
        Assert.Equal("keep", after.Decision);
        Assert.Contains("pinned", after.Reasons);
    }

    [Fact]
    public async Task AnUnpinnedImageIsDecidedByItsOwnRulesAgain()
    {
        await using var app = await DashboardApp.StartAsync();
        var (repository, image) = await CandidateAsync(app);
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var pin = await Service(scope).PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "investigating", null, Cancellation);
        await app.SnapshotAsync();

        await Service(scope).UnpinAsync(pin, Cancellation);
        await app.SnapshotAsync();

        var after = await ImageAsync(app, image.Id);
        Assert.Equal("delete", after.Decision);
        Assert.DoesNotContain("pinned", after.Reasons);
        Assert.Equal(0, await CountAsync(app, db => db.Pins.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task APinnedCandidateIsKeptAtOnceAndLeavesItsOpenProposalsCountsUntilItIsUnpinned()
    {
        await using var app = await DashboardApp.StartAsync();
        var (repository, image) = await CandidateAsync(app);
        var proposal = await ReadAsync(app, db => db.Proposals.SingleAsync(row => row.RepositoryId == repository.Id && row.Status == ProposalStatus.Pending, Cancellation));
        await using var scope = app.As("ben", CuratorRoles.Curator);

        var pin = await Service(scope).PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "release 1.4 rollback target", null, Cancellation);

        var pinned = await ImageAsync(app, image.Id);
        Assert.Equal("keep", pinned.Decision);
        Assert.Contains("pinned", pinned.Reasons);
        var shrunk = await ReadAsync(app, db => db.Proposals.SingleAsync(row => row.Id == proposal.Id, Cancellation));
        Assert.Equal((proposal.CandidateCount - 1, proposal.CandidateBytes - image.SizeBytes), (shrunk.CandidateCount, shrunk.CandidateBytes));
        Assert.Equal(repository.CandidateCount - 1, (await ReadAsync(app, db => db.Repositories.SingleAsync(row => row.Id == repository.Id, Cancellation))).CandidateCount);

        await Service(scope).UnpinAsync(pin, Cancellation);

        var unpinned = await ImageAsync(app, image.Id);
        Assert.Equal("delete", unpinned.Decision);
        Assert.Equal(image.Reasons, unpinned.Reasons);
        var restored = await ReadAsync(app, db => db.Proposals.SingleAsync(row => row.Id == proposal.Id, Cancellation));
        Assert.Equal((proposal.CandidateCount, proposal.CandidateBytes), (restored.CandidateCount, restored.CandidateBytes));
    }

    [Fact]
    public async Task AViewerCannotPinOrUnpinAndNothingChanges()
    {
        await using var app = await DashboardApp.StartAsync();
        var (repository, image) = await CandidateAsync(app);
        await using var curator = app.As("ben", CuratorRoles.Curator);
        await using var viewer = app.As("daniel", CuratorRoles.Viewer);
        var other = await ReadAsync(app, db => db.Images.Where(row => row.RepositoryId == repository.Id && row.Digest != image.Digest).OrderBy(row => row.Id).FirstAsync(Cancellation));
        var pin = await Service(curator).PinAsync(repository.AccountId, repository.Region, repository.Name, other.Digest, "kept for the audit", null, Cancellation);

        var pinning = await Assert.ThrowsAsync<AccessRefusedException>(() =>
            Service(viewer).PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "please", null, Cancellation));
        var unpinning = await Assert.ThrowsAsync<AccessRefusedException>(() => Service(viewer).UnpinAsync(pin, Cancellation));

        Assert.Contains("daniel is signed in as Viewer", pinning.Message);
        Assert.Contains("remove pins", unpinning.Message);
        Assert.Equal([other.Digest], await ReadAsync(app, db => db.Pins.Select(row => row.Digest).ToListAsync(Cancellation)));
        Assert.Equal(0, await CountAsync(app, db => db.AuditEntries.CountAsync(entry => entry.Actor == "daniel", Cancellation)));
    }

    [Fact]
    public async Task PinningAndUnpinningAreAuditedWithThePersonTheImageAndTheReason()
    {
        await using var app = await DashboardApp.StartAsync();
        var (repository, image) = await CandidateAsync(app, tagged: true);
        var expiry = DateTimeOffset.UtcNow.AddDays(30).ToOffset(TimeSpan.FromHours(9)); // as the dialog makes it, in the dashboard's zone
        await using (var ben = app.As("ben", CuratorRoles.Curator))
        {
            await Service(ben).PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "customer demo", expiry, Cancellation);
        }

        var pin = await ReadAsync(app, db => db.Pins.SingleAsync(Cancellation));
        await using (var alice = app.As("alice", CuratorRoles.Admin))
        {
            await Service(alice).UnpinAsync(pin.Id, Cancellation);
        }

        var entries = await ReadAsync(app, db => db.AuditEntries.Where(entry => entry.Action.StartsWith("pin.")).OrderBy(entry => entry.Id).ToListAsync(Cancellation));
        Assert.Equal([("ben", "pin.created"), ("alice", "pin.removed")], entries.Select(entry => (entry.Actor, entry.Action)));
        var target = $"{repository.AccountId}/{repository.Region}/{repository.Name}";
        Assert.All(entries, entry =>
        {
            Assert.Equal($"{target}@{image.Digest}", entry.Target);
            Assert.Equal(repository.Team, entry.Team);
            using var details = JsonDocument.Parse(entry.Details);
            Assert.Equal(target, details.RootElement.GetProperty("repository").GetString());
            Assert.Equal(image.Digest, details.RootElement.GetProperty("digest").GetString());
            Assert.Equal(image.Tags, details.RootElement.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()!));
            Assert.Equal("customer demo", details.RootElement.GetProperty("reason").GetString());
            Assert.Equal(expiry.ToUnixTimeSeconds(), details.RootElement.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        });
        Assert.Equal(("ben", "customer demo", expiry.ToUnixTimeSeconds()), (pin.Actor, pin.Reason, pin.ExpiresAt!.Value.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task AnImageAlreadyPinnedIsNotPinnedTwice()
    {
        await using var app = await DashboardApp.StartAsync();
        var (repository, image) = await CandidateAsync(app);
        await using var scope = app.As("ben", CuratorRoles.Curator);
        await Service(scope).PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "first", null, Cancellation);

        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            Service(scope).PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "second", null, Cancellation));

        Assert.Contains("already pinned by ben (first)", refused.Message);
        Assert.Equal(1, await CountAsync(app, db => db.Pins.CountAsync(Cancellation)));
        Assert.Equal(1, await CountAsync(app, db => db.AuditEntries.CountAsync(entry => entry.Action == "pin.created", Cancellation)));
    }

    [Fact]
    public async Task APinNeedsAReasonAnExpiryInTheFutureAndAnImageThatExists()
    {
        await using var app = await DashboardApp.StartAsync();
        var (repository, image) = await CandidateAsync(app);
        await using var scope = app.As("ben", CuratorRoles.Curator);
        var service = Service(scope);

        var noReason = await Assert.ThrowsAsync<DashboardException>(() =>
            service.PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "  ", null, Cancellation));
        var past = await Assert.ThrowsAsync<DashboardException>(() =>
            service.PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "why", DateTimeOffset.UtcNow.AddMinutes(-1), Cancellation));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() =>
            service.PinAsync(repository.AccountId, repository.Region, repository.Name, "sha256:" + new string('0', 64), "why", null, Cancellation));

        Assert.Contains("needs a reason", noReason.Message);
        Assert.Contains("in the future", past.Message);
        Assert.Contains("has no image", missing.Message);
        Assert.Equal(0, await CountAsync(app, db => db.Pins.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task AnExpiredPinCanBeRenewedAndTheNewPinReplacesIt()
    {
        await using var app = await DashboardApp.StartAsync();
        var (repository, image) = await CandidateAsync(app);
        await WriteAsync(app, db => db.Pins.Add(Pin(repository, image.Digest, "old", DateTimeOffset.UtcNow.AddDays(-1))));
        await using var scope = app.As("ben", CuratorRoles.Curator);

        await Service(scope).PinAsync(repository.AccountId, repository.Region, repository.Name, image.Digest, "again", null, Cancellation);

        var pin = await ReadAsync(app, db => db.Pins.SingleAsync(Cancellation));
        Assert.Equal(("ben", "again", (DateTimeOffset?)null), (pin.Actor, pin.Reason, pin.ExpiresAt));
    }

    [Fact]
    public async Task ThePinsListFiltersByRepositoryTeamAndTextAndShowsExpiredPinsOnlyWhenAsked()
    {
        await using var app = await DashboardApp.StartAsync();
        var repositories = await ReadAsync(app, db => db.Repositories.OrderBy(row => row.Id).ToListAsync(Cancellation));
        var (first, second) = (repositories[0], repositories.First(row => row.Team != repositories[0].Team));
        var firstImage = await ReadAsync(app, db => db.Images.Where(row => row.RepositoryId == first.Id && row.Tags.Length > 0).OrderBy(row => row.Id).FirstAsync(Cancellation));
        var secondImages = await ReadAsync(app, db => db.Images.Where(row => row.RepositoryId == second.Id).OrderBy(row => row.Id).Take(2).ToListAsync(Cancellation));
        await WriteAsync(app, db =>
        {
            db.Pins.Add(Pin(first, firstImage.Digest, "quarterly audit", null));
            db.Pins.Add(Pin(second, secondImages[0].Digest, "hotfix rollback", DateTimeOffset.UtcNow.AddDays(3)));
            db.Pins.Add(Pin(second, secondImages[1].Digest, "old incident", DateTimeOffset.UtcNow.AddDays(-3)));
        });
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var service = Service(scope);

        var current = await service.ListAsync(new PinQuery(), Cancellation);
        var everything = await service.ListAsync(new PinQuery { IncludeExpired = true }, Cancellation);
        var byTeam = await service.ListAsync(new PinQuery { Team = first.Team }, Cancellation);
        var byRepository = await service.ListAsync(new PinQuery { Repository = second.Name[1..^1].ToUpperInvariant(), IncludeExpired = true }, Cancellation);
        var byText = await service.ListAsync(new PinQuery { Search = "AUDIT" }, Cancellation);
        var byTag = await service.ListAsync(new PinQuery { Search = firstImage.Tags[0] }, Cancellation);
        var exactly = await service.ListAsync(new PinQuery { Exactly = new(second.AccountId, second.Region, second.Name), IncludeExpired = true, PageSize = 1 }, Cancellation);

        Assert.Equal(2, current.Total);
        Assert.Equal(3, everything.Total);
        Assert.Single(everything.Pins, pin => pin.Expired);
        Assert.Equal([firstImage.Digest], byTeam.Pins.Select(pin => pin.Digest));
        Assert.Equal((first.Id, first.Team), (byTeam.Pins[0].RepositoryId, byTeam.Pins[0].Team));
        Assert.Equal(firstImage.Tags, byTeam.Pins[0].Tags);
        Assert.Equal(2, byRepository.Total);
        Assert.Equal(["quarterly audit"], byText.Pins.Select(pin => pin.Reason));
        Assert.Contains(firstImage.Digest, byTag.Pins.Select(pin => pin.Digest));
        Assert.All(byTag.Pins, pin => Assert.Contains(pin.Tags, tag => tag.Contains(firstImage.Tags[0], StringComparison.OrdinalIgnoreCase)));
        Assert.Equal((2, 1), (exactly.Total, exactly.Pins.Count));
    }

    private static PinsService Service(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<PinsService>();

    private static PinRow Pin(RepositoryRow repository, string digest, string reason, DateTimeOffset? expiresAt) => new()
    {
        AccountId = repository.AccountId, Region = repository.Region, Repository = repository.Name, Digest = digest, Actor = "carol", Reason = reason,
        CreatedAt = DateTimeOffset.UtcNow.AddDays(-10), ExpiresAt = expiresAt,
    };

    /// <summary>A top-level image the snapshot decided to delete, and its repository.</summary>
    private static async Task<(RepositoryRow Repository, ImageRow Image)> CandidateAsync(DashboardApp app, bool tagged = false) =>
        await ReadAsync(app, async db =>
        {
            var image = await db.Images
                .Where(row => row.Decision == "delete" && row.Manifests.Length == 0 && row.Subject == null && (!tagged || row.Tags.Length > 0))
                .OrderBy(row => row.Id).FirstAsync(Cancellation);
            return (await db.Repositories.SingleAsync(row => row.Id == image.RepositoryId, Cancellation), image);
        });

    private static Task<ImageRow> ImageAsync(DashboardApp app, long id) => ReadAsync(app, db => db.Images.SingleAsync(row => row.Id == id, Cancellation));

    private static Task<int> CountAsync(DashboardApp app, Func<CuratorDbContext, Task<int>> count) => ReadAsync(app, count);

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
}
