using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Features.Search;
using EcrCurator.Web.SignIn;
using EcrCurator.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcrCurator.Web.Tests.Features.Search;

[Collection(AwsEnvironmentCollection.Name)]
public class ImageSearchServiceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADigestPrefixOfEightHexCharactersOrMoreFindsTheImageInItsRepositoryAndAShorterOneDoesNot()
    {
        await using var app = await DashboardApp.StartAsync();
        var (repository, image) = await ReadAsync(app, async db =>
        {
            var row = await db.Images.Where(each => each.GoneAt == null && !each.IsDependent).OrderBy(each => each.Id).FirstAsync(Cancellation);
            return (await db.Repositories.SingleAsync(each => each.Id == row.RepositoryId, Cancellation), row);
        });
        var hex = image.Digest["sha256:".Length..];
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var search = scope.ServiceProvider.GetRequiredService<ImageSearchService>();

        var byPrefix = Assert.Single(await search.SearchAsync(hex[..12], Cancellation));
        var withAlgorithm = await search.SearchAsync("SHA256:" + hex[..8].ToUpperInvariant(), Cancellation);
        var tooShort = await search.SearchAsync(hex[..7], Cancellation);

        Assert.Equal((repository.Id, repository.Name, repository.Team, image.Digest), (byPrefix.RepositoryId, byPrefix.Repository, byPrefix.Team, byPrefix.Digest));
        Assert.Equal($"repositories/{repository.Id}?digest={Uri.EscapeDataString(image.Digest)}", byPrefix.Href);
        Assert.Contains(withAlgorithm, hit => hit.Digest == image.Digest);
        Assert.All(withAlgorithm, hit => Assert.StartsWith("sha256:" + hex[..8], hit.Digest));
        Assert.DoesNotContain(tooShort, hit => hit.Digest == image.Digest && !hit.Tags.Contains(hex[..7]));
    }

    [Fact]
    public async Task ATagFindsEveryTopLevelImageWithItAcrossRepositoriesButNoIndexChildOrArtifact()
    {
        await using var app = await DashboardApp.StartAsync();
        var tag = await ReadAsync(app, db => db.Images.Where(each => each.GoneAt == null && !each.IsDependent && each.Tags.Length > 0)
            .SelectMany(each => each.Tags).GroupBy(each => each).OrderByDescending(group => group.Count()).ThenBy(group => group.Key).Select(group => group.Key).FirstAsync(Cancellation));
        var expected = await ReadAsync(app, db => db.Images.Where(each => each.GoneAt == null && !each.IsDependent && each.Tags.Contains(tag))
            .Select(each => each.Digest).OrderBy(each => each).ToListAsync(Cancellation));
        var dependent = await ReadAsync(app, db => db.Images.Where(each => each.GoneAt == null && each.IsDependent).Select(each => each.Digest).FirstAsync(Cancellation));
        await using var scope = app.As("daniel", CuratorRoles.Viewer);
        var search = scope.ServiceProvider.GetRequiredService<ImageSearchService>();

        var hits = await search.SearchAsync(" " + tag + " ", Cancellation);

        Assert.True(expected.Count > 1, $"tag {tag} is on one image only");
        Assert.Equal(expected, hits.Select(hit => hit.Digest).Order());
        Assert.True(hits.Select(hit => hit.RepositoryId).Distinct().Count() > 1, $"tag {tag} is in one repository only");
        Assert.Empty(await search.SearchAsync(dependent["sha256:".Length..][..16], Cancellation));
        Assert.Empty(await search.SearchAsync("", Cancellation));
    }

    private static async Task<T> ReadAsync<T>(DashboardApp app, Func<CuratorDbContext, Task<T>> read)
    {
        await using var db = await app.App.Services.GetRequiredService<IDbContextFactory<CuratorDbContext>>().CreateDbContextAsync(Cancellation);
        return await read(db);
    }
}
