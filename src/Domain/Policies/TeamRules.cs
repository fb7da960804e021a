namespace EcrCurator.Domain;

/// <summary>
/// Which team a repository belongs to: the value of its resource tag <see cref="TagKey"/>, else the team of the
/// longest matching name prefix, else <see cref="Unassigned"/>.
/// </summary>
public sealed record TeamRules(string TagKey, IReadOnlyList<TeamPrefix> Prefixes)
{
    public const string Unassigned = "unassigned";

    public static TeamRules Default { get; } = new("team", []);

    public string TeamOf(string repositoryName, IReadOnlyDictionary<string, string> resourceTags)
    {
        if (resourceTags.TryGetValue(TagKey, out var tagged) && !string.IsNullOrWhiteSpace(tagged))
        {
            return tagged;
        }

        TeamPrefix? best = null;
        foreach (var prefix in Prefixes)
        {
            if (repositoryName.StartsWith(prefix.Prefix, StringComparison.Ordinal)
                && (best is null || prefix.Prefix.Length > best.Prefix.Length))
            {
                best = prefix;
            }
        }

        return best?.Team ?? Unassigned;
    }
}

public sealed record TeamPrefix(string Prefix, string Team);
