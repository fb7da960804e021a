using EcrCurator.Domain;

namespace EcrCurator.Web.Features.Repository;

/// <summary>The fields of a retention policy (SPEC 3.6), in the order the dashboard shows them.</summary>
public enum PolicyField
{
    WindowDays,
    DeleteUntagged,
    KeepNewest,
    KeepPulledWithinDays,
    KeepTagPatterns,
    KeepRollbackRevisions,
    Excluded,
    Mode,
    Action,
    QuarantineDays,
    NoticeHours,
}

/// <summary>One field of the policy in effect: its value and where it comes from (<see cref="Team"/> names the team of a team policy).</summary>
public sealed record PolicySetting(PolicyField Field, object? Value, PolicyLevel Origin, string? Team = null);

/// <summary>
/// The policy in effect for one repository, field by field with the level that set it, from the same layers
/// <see cref="PolicySet.For"/> folds: the default, then the team's policies, then every matching repository policy.
/// </summary>
public static class PolicyOrigins
{
    public static IReadOnlyList<PolicySetting> Of(PolicySet policies, RepositoryKey repository, string team)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var settings = Fields(RetentionPolicy.Default).ToDictionary(field => field.Field, field => new PolicySetting(field.Field, field.Value, PolicyLevel.Default));
        foreach (var (level, change) in policies.LayersFor(repository, team))
        {
            Apply(settings, change, level, level == PolicyLevel.Team ? team : null);
        }

        return [.. settings.Values.OrderBy(setting => setting.Field)];
    }

    private static void Apply(Dictionary<PolicyField, PolicySetting> settings, PolicyOverride change, PolicyLevel level, string? team)
    {
        foreach (var (field, value) in Set(change))
        {
            settings[field] = new PolicySetting(field, value, level, team);
        }
    }

    private static IEnumerable<(PolicyField Field, object? Value)> Fields(RetentionPolicy policy) =>
    [
        (PolicyField.WindowDays, policy.WindowDays),
        (PolicyField.DeleteUntagged, policy.DeleteUntagged),
        (PolicyField.KeepNewest, policy.KeepNewest),
        (PolicyField.KeepPulledWithinDays, policy.KeepPulledWithinDays),
        (PolicyField.KeepTagPatterns, policy.KeepTagPatterns.Select(pattern => pattern.Glob).ToArray()),
        (PolicyField.KeepRollbackRevisions, policy.KeepRollbackRevisions),
        (PolicyField.Excluded, policy.Excluded),
        (PolicyField.Mode, policy.Mode),
        (PolicyField.Action, policy.Action),
        (PolicyField.QuarantineDays, policy.QuarantineDays),
        (PolicyField.NoticeHours, policy.NoticeHours),
    ];

    /// <summary>The fields an override sets (a null field inherits).</summary>
    private static IEnumerable<(PolicyField Field, object? Value)> Set(PolicyOverride change) =>
        new (PolicyField Field, object? Value)[]
        {
            (PolicyField.WindowDays, change.WindowDays),
            (PolicyField.DeleteUntagged, change.DeleteUntagged),
            (PolicyField.KeepNewest, change.KeepNewest),
            (PolicyField.KeepPulledWithinDays, change.KeepPulledWithinDays),
            (PolicyField.KeepTagPatterns, change.KeepTagPatterns?.Select(pattern => pattern.Glob).ToArray()),
            (PolicyField.KeepRollbackRevisions, change.KeepRollbackRevisions),
            (PolicyField.Excluded, change.Excluded),
            (PolicyField.Mode, change.Mode),
            (PolicyField.Action, change.Action),
            (PolicyField.QuarantineDays, change.QuarantineDays),
            (PolicyField.NoticeHours, change.NoticeHours),
        }.Where(field => field.Value is not null);
}
