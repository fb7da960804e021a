using EcrCurator.Domain;

namespace EcrCurator.Web.Features.Pins;

/// <summary>One pin as the dashboard lists it: which image, who pinned it, why, and until when.</summary>
public sealed record PinLine(
    long Id,
    string AccountId,
    string Region,
    string Repository,
    long? RepositoryId,
    string? Team,
    string Digest,
    IReadOnlyList<string> Tags,
    string Actor,
    string Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    bool Expired)
{
    public RepositoryKey Key => new(AccountId, Region, Repository);
}

/// <summary>
/// Which pins to list: <see cref="Repository"/> matches part of a repository's name, <see cref="Exactly"/> one
/// repository, <see cref="Search"/> part of a digest, tag, reason or who pinned it; expired pins only when asked.
/// </summary>
public sealed record PinQuery
{
    public string? Repository { get; init; }

    public RepositoryKey? Exactly { get; init; }

    public string? Team { get; init; }

    public string? Search { get; init; }

    public bool IncludeExpired { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>One page of pins and how many match in all.</summary>
public sealed record PinPage(IReadOnlyList<PinLine> Pins, int Total);

/// <summary>What a person enters to pin an image: why (required) and, optionally, the day the pin ends.</summary>
public sealed record PinRequest(string Reason, DateOnly? ExpiresOn)
{
    /// <summary>When the pin ends: as <see cref="ExpiresOn"/> begins in <paramref name="zone"/>.</summary>
    public DateTimeOffset? ExpiresAt(TimeZoneInfo zone)
    {
        if (ExpiresOn is not { } day)
        {
            return null;
        }

        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
