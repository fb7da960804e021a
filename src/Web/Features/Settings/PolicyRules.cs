using System.Text.RegularExpressions;
using EcrCurator.Domain;
using EcrCurator.Infrastructure.Policies;

namespace EcrCurator.Web.Features.Settings;

/// <summary>
/// What a stored policy may hold: the configuration validator's rules (<see cref="PolicyFields.Problems"/>: no negative
/// numbers, no empty tag pattern) plus the dashboard's (a window of at least one day, tag patterns that can match a tag).
/// </summary>
public static partial class PolicyRules
{
    public const int MinimumWindowDays = 1;

    /// <summary>Tag patterns as typed on one line, separated by commas or spaces.</summary>
    public static List<string> ParsePatterns(string? text) =>
        [.. (text ?? "").Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static string FormatPatterns(IEnumerable<string>? patterns) => patterns is null ? "" : string.Join(", ", patterns);

    /// <summary>A glob that can match a tag: OCI tags hold letters, digits, <c>_</c>, <c>.</c> and <c>-</c> (at most 128); globs add <c>*</c> and <c>?</c>.</summary>
    public static bool IsTagGlob(string glob) => TagGlob().IsMatch(glob);

    /// <summary>Why these fields cannot be saved, each naming its field; empty when they can.</summary>
    public static IEnumerable<string> Problems(PolicyFields fields)
    {
        // The configuration's own rules, worded for its keys ("SECTION:Field …"): here the field alone.
        foreach (var problem in fields.Problems(""))
        {
            yield return problem.TrimStart(':');
        }

        if (fields.WindowDays == 0)
        {
            yield return $"{nameof(PolicyFields.WindowDays)} must be at least {MinimumWindowDays} day.";
        }

        foreach (var glob in fields.KeepTagPatterns?.Where(glob => !string.IsNullOrWhiteSpace(glob) && !IsTagGlob(glob)) ?? [])
        {
            yield return $"{nameof(PolicyFields.KeepTagPatterns)}: '{glob}' can never match a tag (tags hold letters, digits, '_', '.' and '-'; a glob adds * and ?).";
        }
    }

    /// <summary>The fields as the audit log records them (null: inherit; the mode by name).</summary>
    public static object Audit(PolicyFields fields) => new
    {
        fields.WindowDays,
        fields.DeleteUntagged,
        fields.KeepNewest,
        fields.KeepPulledWithinDays,
        fields.KeepTagPatterns,
        fields.KeepRollbackRevisions,
        fields.Excluded,
        Mode = fields.Mode?.ToString(),
        Action = fields.Action?.ToString(),
        fields.QuarantineDays,
        fields.NoticeHours,
    };

    /// <summary>Every field of a policy in effect, as an override that sets them all.</summary>
    public static PolicyOverride Full(RetentionPolicy policy) => new()
    {
        WindowDays = policy.WindowDays,
        DeleteUntagged = policy.DeleteUntagged,
        KeepNewest = policy.KeepNewest,
        KeepPulledWithinDays = policy.KeepPulledWithinDays,
        KeepTagPatterns = policy.KeepTagPatterns,
        KeepRollbackRevisions = policy.KeepRollbackRevisions,
        Excluded = policy.Excluded,
        Mode = policy.Mode,
        Action = policy.Action,
        QuarantineDays = policy.QuarantineDays,
        NoticeHours = policy.NoticeHours,
    };

    [GeneratedRegex("^[A-Za-z0-9_.*?-]{1,128}$")]
    private static partial Regex TagGlob();
}
