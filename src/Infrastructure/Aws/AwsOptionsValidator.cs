using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Aws;

/// <summary>Refuses AWS settings that cannot work, naming the key.</summary>
public sealed partial class AwsOptionsValidator : IValidateOptions<AwsOptions>
{
    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var problems = new List<string>();
        Check(options.Registries, "Registries", problems);
        Check(options.UsageSources, "UsageSources", problems);
        if (options.Aws.MaxConcurrency < 1)
        {
            problems.Add($"Curator:Aws:MaxConcurrency must be at least 1 (it is {options.Aws.MaxConcurrency}).");
        }

        if (options.Aws.MaxAttempts < 1)
        {
            problems.Add($"Curator:Aws:MaxAttempts must be at least 1 (it is {options.Aws.MaxAttempts}).");
        }

        if (options.Aws.TimeoutSeconds < 1)
        {
            problems.Add($"Curator:Aws:TimeoutSeconds must be at least 1 (it is {options.Aws.TimeoutSeconds}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(List<AccountRegionOptions> entries, string list, List<string> problems)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var key = $"Curator:{list}:{i}";
            if (!AccountId().IsMatch(entry.AccountId))
            {
                problems.Add($"{key}:AccountId must be 12 digits (it is '{entry.AccountId}').");
            }

            if (!Region().IsMatch(entry.Region))
            {
                problems.Add($"{key}:Region must be an AWS region such as ap-northeast-1 (it is '{entry.Region}').");
            }

            if (!string.IsNullOrWhiteSpace(entry.RoleArn) && !RoleArn().IsMatch(entry.RoleArn))
            {
                problems.Add($"{key}:RoleArn must be a role ARN such as arn:aws:iam::111111111111:role/ecr-curator (it is '{entry.RoleArn}').");
            }
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex Region();

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$")]
    private static partial Regex RoleArn();
}
