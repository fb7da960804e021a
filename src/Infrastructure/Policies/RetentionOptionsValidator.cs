using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Policies;

/// <summary>
/// Refuses a retention configuration that is wrong, naming the key: negative numbers and missing names. Keys that are
/// no setting at all (a misspelt <c>KeepNewst</c>) are refused for every section by <see cref="Configuration.KnownKeysValidator"/>.
/// </summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    private const string Root = RetentionOptions.Section;

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(RetentionOptions options)
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

        return problems;
    }
}
