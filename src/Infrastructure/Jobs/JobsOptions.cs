using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Jobs;

/// <summary>Background jobs (<c>Curator:Jobs</c>), on Hangfire with its storage in the product's PostgreSQL.</summary>
public sealed class JobsOptions
{
    public const string Section = "Curator:Jobs";

    /// <summary>Process jobs in this process; web servers that should not can turn it off (several job servers share the work).</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>
    /// How long a job whose server stopped (killed, lost its network) stays with it before another server takes it
    /// over; a running job's server renews its hold every fifth of this.
    /// </summary>
    public int TakeOverSeconds { get; set; } = 300;
}

public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options) =>
        options.WorkerCount < 1
            ? ValidateOptionsResult.Fail($"{JobsOptions.Section}:WorkerCount must be at least 1 (it is {options.WorkerCount}).")
            : options.TakeOverSeconds < 5
                ? ValidateOptionsResult.Fail($"{JobsOptions.Section}:TakeOverSeconds must be at least 5 (it is {options.TakeOverSeconds}).")
                : ValidateOptionsResult.Success;
}
