namespace EcrCurator.Infrastructure.Jobs;

/// <summary>Background jobs (<c>Curator:Jobs</c>), on Hangfire with its storage in the product's PostgreSQL.</summary>
public sealed class JobsOptions
{
    public const string Section = "Curator:Jobs";

    /// <summary>Process jobs in this process; web servers that should not can turn it off (several job servers share the work).</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);
}
