using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Pins;

/// <summary>Pins with their repository (team, id) and their image's tags, filtered in SQL.</summary>
internal static class PinQueries
{
    public static IQueryable<JoinedPin> Joined(CuratorDbContext db) =>
        from pin in db.Pins.AsNoTracking()
        join repository in db.Repositories.AsNoTracking()
            on new { pin.AccountId, pin.Region, Name = pin.Repository } equals new { repository.AccountId, repository.Region, repository.Name } into repositories
        from repository in repositories.DefaultIfEmpty()
        join image in db.Images.AsNoTracking()
            on new { RepositoryId = (long?)repository!.Id, pin.Digest } equals new { RepositoryId = (long?)image.RepositoryId, image.Digest } into images
        from image in images.DefaultIfEmpty()
        select new JoinedPin
        {
            Pin = pin,
            RepositoryId = repository == null ? null : (long?)repository.Id,
            Team = repository == null ? null : repository.Team,
            Tags = image == null ? null : image.Tags,
        };

    /// <summary>A joined pin as a line of the list, expired or not at <paramref name="now"/>.</summary>
    public static System.Linq.Expressions.Expression<Func<JoinedPin, PinLine>> Line(DateTimeOffset now) => pin => new PinLine(
        pin.Pin.Id, pin.Pin.AccountId, pin.Pin.Region, pin.Pin.Repository, pin.RepositoryId, pin.Team, pin.Pin.Digest, pin.Tags ?? Array.Empty<string>(),
        pin.Pin.Actor, pin.Pin.Reason, pin.Pin.CreatedAt, pin.Pin.ExpiresAt, pin.Pin.ExpiresAt != null && pin.Pin.ExpiresAt <= now);

    public static IQueryable<JoinedPin> Filter(IQueryable<JoinedPin> pins, PinQuery query, DateTimeOffset now)
    {
        if (!query.IncludeExpired)
        {
            pins = pins.Where(pin => pin.Pin.ExpiresAt == null || pin.Pin.ExpiresAt > now);
        }

        if (query.Exactly is { } key)
        {
            pins = pins.Where(pin => pin.Pin.AccountId == key.AccountId && pin.Pin.Region == key.Region && pin.Pin.Repository == key.Name);
        }

        if (!string.IsNullOrWhiteSpace(query.Repository))
        {
            var name = Like(query.Repository);
            pins = pins.Where(pin => EF.Functions.ILike(pin.Pin.Repository, name));
        }

        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            pins = pins.Where(pin => pin.Team == query.Team);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = Like(query.Search);
            pins = pins.Where(pin => EF.Functions.ILike(pin.Pin.Digest, text) || EF.Functions.ILike(pin.Pin.Reason, text)
                                     || EF.Functions.ILike(pin.Pin.Actor, text) || EF.Functions.ILike(pin.Pin.Repository, text)
                                     || (pin.Tags != null && pin.Tags.Any(tag => EF.Functions.ILike(tag, text))));
        }

        return pins;
    }

    /// <summary>A pattern matching <paramref name="text"/> anywhere, with the pattern characters in it taken literally.</summary>
    private static string Like(string text) =>
        "%" + text.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}

internal sealed record JoinedPin
{
    public required PinRow Pin { get; init; }

    public long? RepositoryId { get; init; }

    public string? Team { get; init; }

    public string[]? Tags { get; init; }
}
