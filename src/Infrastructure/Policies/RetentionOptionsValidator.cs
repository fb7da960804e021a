using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Policies;

/// <summary>
/// Refuses a retention configuration that is wrong, naming the key: negative numbers, missing names, and keys
/// that are no setting at all (a misspelt <c>KeepNewst</c> must not silently keep nothing).
/// </summary>
public sealed class RetentionOptionsValidator(IConfiguration configuration) : IValidateOptions<RetentionOptions>
{
    private const string Root = RetentionOptions.Section;

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private IEnumerable<string> Problems(RetentionOptions options)
    {
        var problems = options.Policy.Problems($"{Root}:Policy").ToList();
        for (var i = 0; i < options.TeamPolicies.Count; i++)
        {
            var team = options.TeamPolicies[i];
            problems.AddRange(team.Problems($"{Root}:TeamPolicies:{i}"));
            if (string.IsNullOrWhiteSpace(team.Team))
            {
                problems.Add($"{Root}:TeamPolicies:{i}:Team is required: the team the policy applies to.");
            }
        }

        for (var i = 0; i < options.RepositoryPolicies.Count; i++)
        {
            var repository = options.RepositoryPolicies[i];
            problems.AddRange(repository.Problems($"{Root}:RepositoryPolicies:{i}"));
            if (string.IsNullOrWhiteSpace(repository.Repository))
            {
                problems.Add($"{Root}:RepositoryPolicies:{i}:Repository is required: the repository name the policy applies to.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Teams.TagKey))
        {
            problems.Add($"{Root}:Teams:TagKey cannot be empty.");
        }

        for (var i = 0; i < options.Teams.Prefixes.Count; i++)
        {
            if (string.IsNullOrEmpty(options.Teams.Prefixes[i].Prefix) || string.IsNullOrWhiteSpace(options.Teams.Prefixes[i].Team))
            {
                problems.Add($"{Root}:Teams:Prefixes:{i} needs both a Prefix and a Team.");
            }
        }

        problems.AddRange(UnknownKeys($"{Root}:Policy", typeof(PolicyFields)));
        problems.AddRange(UnknownKeysOfList($"{Root}:TeamPolicies", typeof(TeamPolicyOptions)));
        problems.AddRange(UnknownKeysOfList($"{Root}:RepositoryPolicies", typeof(RepositoryPolicyOptions)));
        problems.AddRange(UnknownKeys($"{Root}:Teams", typeof(TeamsOptions)));
        problems.AddRange(UnknownKeysOfList($"{Root}:Teams:Prefixes", typeof(TeamPrefixOptions)));
        return problems;
    }

    private IEnumerable<string> UnknownKeysOfList(string list, Type item) =>
        configuration.GetSection(list).GetChildren().SelectMany(entry => UnknownKeys(entry.Path, item));

    private IEnumerable<string> UnknownKeys(string section, Type type)
    {
        var known = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => property.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return configuration.GetSection(section).GetChildren()
            .Where(child => !known.Contains(child.Key))
            .Select(child => $"{child.Path} is not a setting; the settings here are {string.Join(", ", known.Order())}.");
    }
}
