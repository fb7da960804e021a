namespace EcrCurator.Infrastructure.Aws;

/// <summary>
/// What is curated (<c>Curator:Registries</c>), which further account-regions are scanned for ECS usage
/// (<c>Curator:UsageSources</c>), and how AWS is called (<c>Curator:Aws</c>).
/// </summary>
public sealed class AwsOptions
{
    public const string Section = "Curator";

    public List<AccountRegionOptions> Registries { get; set; } = [];

    public List<AccountRegionOptions> UsageSources { get; set; } = [];

    public AwsCallOptions Aws { get; set; } = new();

    /// <summary>The account-region as configured (with its role), else as reached with the application's own credentials.</summary>
    public AccountRegion Target(string accountId, string region) =>
        Registries.Concat(UsageSources).FirstOrDefault(entry => entry.AccountId == accountId && entry.Region == region)?.ToAccountRegion()
        ?? new AccountRegion(accountId, region);
}

public sealed class AccountRegionOptions
{
    public string AccountId { get; set; } = "";

    public string Region { get; set; } = "";

    public string? RoleArn { get; set; }

    public string? ExternalId { get; set; }

    public AccountRegion ToAccountRegion() => new(AccountId, Region, string.IsNullOrWhiteSpace(RoleArn) ? null : RoleArn, ExternalId);
}

public sealed class AwsCallOptions
{
    /// <summary>Calls under way at once per account-region.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Repositories (or clusters) of an account-region read at once: more than its calls under way, so that reads
    /// sleeping out a throttle's backoff leave the account-region's slots to others.
    /// </summary>
    public int ReadsInFlight => MaxConcurrency * 4;

    /// <summary>Attempts per call, the first included, on 5xx and transport errors (not throttling: see <see cref="ThrottleBudgetSeconds"/>).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a call keeps retrying while AWS throttles it, from its first attempt.</summary>
    public int ThrottleBudgetSeconds { get; set; } = 120;

    public int TimeoutSeconds { get; set; } = 30;
}
