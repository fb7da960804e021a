using EcrCurator.Infrastructure.Execution;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>How digests, tags and repositories are written on screen (in full in a tooltip).</summary>
public static class Labels
{
    private const int TagLength = 28;

    /// <summary><c>sha256:</c> and the first 12 hex digits, enough to tell images apart on screen.</summary>
    public static string Short(string digest) => digest.Length > 19 ? digest[..19] + "…" : digest;

    /// <summary>The tags, each cut to a readable length (a signature's tag is a whole digest); a dash for none.</summary>
    public static string Tags(IReadOnlyList<string> tags) =>
        tags.Count == 0 ? "—" : string.Join(", ", tags.Select(tag => tag.Length > TagLength ? tag[..(TagLength - 1)] + "…" : tag));

    /// <summary>A repository key <c>account/region/name</c> as its name and where it is.</summary>
    public static (string Name, string Where) Repository(string key) =>
        key.Split('/', 3) is [var account, var region, var name] ? (name, $"{account} · {region}") : (key, "");

    /// <summary>A proposal's status note in the person's language, its times in the display zone (<see cref="StatusNotes"/>).</summary>
    public static string Note(string note, Components.Shared.Display display) =>
        StatusNotes.In(System.Globalization.CultureInfo.CurrentUICulture.Name, note, at => display.Time(at));

    /// <summary>An audit target: a repository (<c>account/region/name</c>) by its name, an image as <c>name@sha256:…</c>, anything else as it is.</summary>
    public static string Target(string target)
    {
        var at = target.IndexOf('@', StringComparison.Ordinal);
        var (subject, digest) = at < 0 ? (target, null) : (target[..at], target[(at + 1)..]);
        var name = subject.Split('/', 3) is [_, _, var repository] ? repository : subject;
        return digest is null ? name : $"{name}@{Short(digest)}";
    }
}
