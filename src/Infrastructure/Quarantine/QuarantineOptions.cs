using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Quarantine;

/// <summary>How a restore from the quarantine is followed (<c>Curator:Quarantine</c>) until ECR reports the images ACTIVE.</summary>
public sealed class QuarantineOptions
{
    public const string Section = "Curator:Quarantine";

    /// <summary>Seconds between two looks at images being restored (ECR restores within about 20 minutes).</summary>
    public double RestorePollSeconds { get; set; } = 30;

    /// <summary>How long a restore is followed before the job gives up on it (the next snapshot still shows the truth).</summary>
    public int RestoreTimeoutMinutes { get; set; } = 120;

    public TimeSpan RestorePollInterval => TimeSpan.FromSeconds(RestorePollSeconds);

    public TimeSpan RestoreTimeout => TimeSpan.FromMinutes(RestoreTimeoutMinutes);
}

public sealed class QuarantineOptionsValidator : IValidateOptions<QuarantineOptions>
{
    public ValidateOptionsResult Validate(string? name, QuarantineOptions options)
    {
        var problems = new List<string>();
        if (options.RestorePollSeconds is < 0.1 or > 3600)
        {
            problems.Add($"{QuarantineOptions.Section}:RestorePollSeconds must be 0.1 to 3600 seconds (it is {options.RestorePollSeconds}).");
        }

        if (options.RestoreTimeoutMinutes is < 1 or > 10_080)
        {
            problems.Add($"{QuarantineOptions.Section}:RestoreTimeoutMinutes must be 1 to 10080 minutes (it is {options.RestoreTimeoutMinutes}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
