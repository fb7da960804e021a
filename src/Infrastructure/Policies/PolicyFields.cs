using EcrCurator.Domain;

namespace EcrCurator.Infrastructure.Policies;

/// <summary>
/// The fields of a retention policy as configured (SPEC 2 and 3.6); a field left out inherits the level above.
/// </summary>
public class PolicyFields
{
    public int? WindowDays { get; set; }

    public bool? DeleteUntagged { get; set; }

    public int? KeepNewest { get; set; }

    public int? KeepPulledWithinDays { get; set; }

    public List<string>? KeepTagPatterns { get; set; }

    public int? KeepRollbackRevisions { get; set; }

    public bool? Excluded { get; set; }

    public RetentionMode? Mode { get; set; }

    /// <summary><c>Delete</c> (default) or <c>Quarantine</c>: archive the candidates, delete them after <see cref="QuarantineDays"/>.</summary>
    public RetentionAction? Action { get; set; }

    /// <summary>Days a quarantined image stays archived before it may be deleted (default 90, ECR's minimum billed duration).</summary>
    public int? QuarantineDays { get; set; }

    public int? NoticeHours { get; set; }

    /// <summary>A copy to edit: the tag patterns are a list of their own.</summary>
    public PolicyFields Copy()
    {
        var copy = (PolicyFields)MemberwiseClone();
        copy.KeepTagPatterns = KeepTagPatterns is null ? null : [.. KeepTagPatterns];
        return copy;
    }

    public PolicyOverride ToOverride() => new()
    {
        WindowDays = WindowDays,
        DeleteUntagged = DeleteUntagged,
        KeepNewest = KeepNewest,
        KeepPulledWithinDays = KeepPulledWithinDays,
        KeepTagPatterns = KeepTagPatterns?.Select(glob => new TagPattern(glob)).ToArray(),
        KeepRollbackRevisions = KeepRollbackRevisions,
        Excluded = Excluded,
        Mode = Mode,
        Action = Action,
        QuarantineDays = QuarantineDays,
        NoticeHours = NoticeHours,
    };

    /// <summary>Problems with these fields, each naming its configuration key under <paramref name="section"/>.</summary>
    public IEnumerable<string> Problems(string section)
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(WindowDays), WindowDays), (nameof(KeepNewest), KeepNewest),
                     (nameof(KeepPulledWithinDays), KeepPulledWithinDays), (nameof(KeepRollbackRevisions), KeepRollbackRevisions),
                     (nameof(NoticeHours), NoticeHours),
                 })
        {
            if (value < 0)
            {
                yield return $"{section}:{name} cannot be negative (it is {value}).";
            }
        }

        if (QuarantineDays < 1)
        {
            yield return $"{section}:{nameof(QuarantineDays)} must be at least 1 day (it is {QuarantineDays}); ECR bills an archived image for 90 days anyway.";
        }

        for (var i = 0; i < (KeepTagPatterns?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(KeepTagPatterns![i]))
            {
                yield return $"{section}:{nameof(KeepTagPatterns)}:{i} is empty; a tag pattern is a glob such as release-*.";
            }
        }
    }
}

public sealed class TeamPolicyOptions : PolicyFields
{
    public string Team { get; set; } = "";
}

public sealed class RepositoryPolicyOptions : PolicyFields
{
    public string Repository { get; set; } = "";

    public string? AccountId { get; set; }

    public string? Region { get; set; }
}
