using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Execution;

/// <summary>How executions re-check the live world (<c>Curator:Execution</c>).</summary>
public sealed class ExecutionOptions
{
    public const string Section = "Curator:Execution";

    /// <summary>The most seconds a usage read may have started before a batch that relies on it is sent.</summary>
    public int MaxUsageAgeSeconds { get; set; } = 60;

    public TimeSpan MaxUsageAge => TimeSpan.FromSeconds(MaxUsageAgeSeconds);
}

public sealed class ExecutionOptionsValidator : IValidateOptions<ExecutionOptions>
{
    public ValidateOptionsResult Validate(string? name, ExecutionOptions options) =>
        options.MaxUsageAgeSeconds is < 1 or > 3600
            ? ValidateOptionsResult.Fail($"{ExecutionOptions.Section}:MaxUsageAgeSeconds must be 1 to 3600 seconds (it is {options.MaxUsageAgeSeconds}).")
            : ValidateOptionsResult.Success;
}
