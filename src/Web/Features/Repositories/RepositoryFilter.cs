namespace EcrCurator.Web.Features.Repositories;

/// <summary>
/// What the Repositories list is narrowed to; it lives in the page's address (<c>?team=&amp;q=&amp;candidates=true…</c>)
/// so that links and the back button bring the same list back.
/// </summary>
public sealed record RepositoryFilter(
    string? Team = null,
    string? Search = null,
    bool HasCandidates = false,
    bool HasInUse = false,
    string? Mode = null,
    bool ShowGone = false,
    bool HasLifecycleDanger = false)
{
    public static RepositoryFilter None { get; } = new();

    /// <summary>The query parameters of the address, a filter that is off left out.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["team"] = Blank(Team),
        ["q"] = Blank(Search),
        ["candidates"] = HasCandidates ? "true" : null,
        ["inuse"] = HasInUse ? "true" : null,
        ["mode"] = Blank(Mode),
        ["gone"] = ShowGone ? "true" : null,
        ["lifecycle"] = HasLifecycleDanger ? "true" : null,
    };

    public static RepositoryFilter FromQuery(string? team, string? search, bool? candidates, bool? inUse, string? mode, bool? gone, bool? lifecycle = null) =>
        new(Blank(team), Blank(search), candidates == true, inUse == true, Blank(mode), gone == true, lifecycle == true);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The columns the list sorts by.</summary>
public static class RepositorySort
{
    public const string Account = "account";
    public const string Name = "name";
    public const string Team = "team";
    public const string Images = "images";
    public const string Stored = "stored";
    public const string Reclaimable = "reclaimable";
    public const string Candidates = "candidates";
    public const string InUse = "inuse";
    public const string Pinned = "pinned";
    public const string LastPush = "lastpush";
    public const string Mode = "mode";
    public const string LifecycleDangers = "lifecycle";
}

/// <summary>One page of the list: which filter, sorted how, which page (from 0) of how many rows.</summary>
public sealed record RepositoryPageRequest(RepositoryFilter Filter, string SortBy = RepositorySort.Reclaimable, bool Descending = true, int Page = 0, int PageSize = 50);

/// <summary>A repository as the list shows it: its latest figures, as the last snapshot that read it saw them.</summary>
public sealed record RepositoryListRow(
    long Id,
    string AccountId,
    string Region,
    string Name,
    string Team,
    int Images,
    long ImageBytes,
    long ReclaimableBytes,
    int Candidates,
    long CandidateBytes,
    int InUse,
    int Pinned,
    DateTimeOffset? LastPushedAt,
    string Mode,
    DateTimeOffset? GoneAt)
{
    /// <summary>Images its ECR lifecycle policy would expire or archive though they are kept for safety (SPEC 12).</summary>
    public int LifecycleDangers { get; init; }

    /// <summary>Whether its lifecycle policy could not be read or is not understood.</summary>
    public bool LifecycleUnreviewed { get; init; }
}

/// <summary>One page of rows and how many rows the filter matches in all.</summary>
public sealed record RepositoryPage(IReadOnlyList<RepositoryListRow> Rows, int Total);
