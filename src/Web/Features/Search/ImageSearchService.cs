using System.Text.RegularExpressions;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Search;

/// <summary>
/// Finds images across every repository from the app bar: by tag (exactly), or by a digest prefix of at least
/// <see cref="ShortestDigestPrefix"/> hex characters (with or without <c>sha256:</c>). Only images present in the last
/// snapshot and shown at the top level of their repository (not an index child or an attached artifact) are found, so
/// that each hit lands on a row of its repository's page.
/// </summary>
public sealed partial class ImageSearchService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user)
{
    public const int ShortestDigestPrefix = 8;

    public const int MostHits = 100;

    private const string Sha256 = "sha256:";

    public async Task<IReadOnlyList<ImageHit>> SearchAsync(string? text, CancellationToken cancellation = default)
    {
        await user.RequireAsync(CuratorRoles.Viewer, "search images");
        var tag = text?.Trim() ?? "";
        if (tag.Length == 0)
        {
            return [];
        }

        var digest = DigestPrefix(tag);
        var teams = await user.TeamsAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        return await (from repository in teams.Apply(db.Repositories.AsNoTracking(), row => row.Team)
                      join image in db.Images.AsNoTracking() on repository.Id equals image.RepositoryId
                      where image.GoneAt == null && !image.IsDependent
                            && (image.Tags.Contains(tag) || (digest != null && image.Digest.StartsWith(digest)))
                      orderby image.PushedAt descending, repository.Name, image.Digest
                      select new ImageHit(repository.Id, repository.AccountId, repository.Region, repository.Name, repository.Team, image.Digest, image.Tags, image.PushedAt))
            .Take(MostHits).ToListAsync(cancellation);
    }

    /// <returns><c>sha256:</c> and the hex digits when <paramref name="text"/> is a digest prefix long enough to search by; else null.</returns>
    public static string? DigestPrefix(string text)
    {
        var hex = text.StartsWith(Sha256, StringComparison.OrdinalIgnoreCase) ? text[Sha256.Length..] : text;
        return hex.Length >= ShortestDigestPrefix && Hex().IsMatch(hex) ? Sha256 + hex.ToLowerInvariant() : null;
    }

    [GeneratedRegex("^[0-9a-fA-F]{1,64}$")]
    private static partial Regex Hex();
}

/// <summary>An image found, with its repository.</summary>
public sealed record ImageHit(long RepositoryId, string AccountId, string Region, string Repository, string Team, string Digest, string[] Tags, DateTimeOffset PushedAt)
{
    /// <summary>The image on its repository's page.</summary>
    public string Href => $"repositories/{RepositoryId}?digest={Uri.EscapeDataString(Digest)}";
}
