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
        CheckOnePartition(options, problems);
        if (options.Aws.MaxConcurrency < 1)
        {
            problems.Add($"Curator:Aws:MaxConcurrency must be at least 1 (it is {options.Aws.MaxConcurrency}).");
        }

        if (options.Aws.MaxAttempts < 1)
        {
            problems.Add($"Curator:Aws:MaxAttempts must be at least 1 (it is {options.Aws.MaxAttempts}).");
        }

        if (options.Aws.ThrottleBudgetSeconds < 1)
        {
            problems.Add($"Curator:Aws:ThrottleBudgetSeconds must be at least 1 (it is {options.Aws.ThrottleBudgetSeconds}).");
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

            var region = AwsPartition.IsRegionName(entry.Region);
            if (!region)
            {
                problems.Add($"{key}:Region must be an AWS region such as ap-northeast-1, cn-north-1 or eusc-de-east-1 (it is '{entry.Region}').");
            }

            if (string.IsNullOrWhiteSpace(entry.RoleArn))
            {
                continue;
            }

            if (!RoleArn().IsMatch(entry.RoleArn))
            {
                problems.Add($"{key}:RoleArn must be a role ARN such as arn:aws:iam::111111111111:role/ecr-curator (it is '{entry.RoleArn}').");
            }
            else if (region && AwsPartition.NameIn(entry.RoleArn) is var partition && partition != AwsPartition.Of(entry.Region).Name)
            {
                problems.Add($"{key}:RoleArn is a role of partition {partition}, but {key}:Region {entry.Region} is in partition "
                             + $"{AwsPartition.Of(entry.Region).Name}: write it arn:{AwsPartition.Of(entry.Region).Name}:iam::….");
            }
        }
    }

    /// <summary>Credentials of one partition cannot reach another, so one curator reads one partition.</summary>
    private static void CheckOnePartition(AwsOptions options, List<string> problems)
    {
        var regions = options.Registries.Select((entry, i) => (Key: $"Curator:Registries:{i}:Region", entry.Region))
            .Concat(options.UsageSources.Select((entry, i) => (Key: $"Curator:UsageSources:{i}:Region", entry.Region)))
            .Where(entry => AwsPartition.IsRegionName(entry.Region))
            .Select(entry => (entry.Key, entry.Region, Partition: AwsPartition.Of(entry.Region).Name))
            .ToList();
        if (regions.Select(entry => entry.Partition).Distinct().Count() > 1)
        {
            problems.Add(
                "Curator:Registries and Curator:UsageSources span more than one AWS partition, and credentials of one partition cannot reach another: "
                + string.Join(", ", regions.Select(entry => $"{entry.Key} {entry.Region} ({entry.Partition})"))
                + ". Run one ECR Curator per partition.");
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$")]
    private static partial Regex RoleArn();
}
