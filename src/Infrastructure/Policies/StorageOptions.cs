using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Policies;

/// <summary>What stored bytes cost (<c>Curator:Storage</c>), for projected savings.</summary>
public sealed class StorageOptions
{
    public const string Section = "Curator:Storage";

    private const double BytesPerGb = 1024d * 1024 * 1024;
    private const double GbPerTb = 1024;

    /// <summary>ECR's price per GB-month (AWS bills storage in GB of 2^30 bytes).</summary>
    public decimal PricePerGbMonth { get; set; } = 0.10m;

    public string Currency { get; set; } = "USD";

    /// <summary>ECR's archive price per GB-month above <see cref="ArchiveTierThresholdTb"/>; below it, archived bytes cost as standard ones.</summary>
    public decimal ArchivePricePerGbMonth { get; set; } = 0.07m;

    /// <summary>The archived TB a month priced like standard storage before the archive price applies (ECR: the first 150 TB).</summary>
    public decimal ArchiveTierThresholdTb { get; set; } = 150m;

    /// <summary>ECR's fee per GB restored from the archive.</summary>
    public decimal RestorePricePerGb { get; set; } = 0.03m;

    public decimal MonthlyCost(long bytes) => Math.Round((decimal)(bytes / BytesPerGb) * PricePerGbMonth, 2);

    /// <summary>
    /// What archiving <paramref name="archiving"/> more bytes saves a month when <paramref name="archived"/> bytes are
    /// archived already: only the bytes above the tier threshold are cheaper than standard storage.
    /// </summary>
    public decimal ArchiveMonthlySavings(long archived, long archiving)
    {
        var threshold = (double)ArchiveTierThresholdTb * GbPerTb;
        var above = Math.Max(0, (archived + archiving) / BytesPerGb - threshold) - Math.Max(0, archived / BytesPerGb - threshold);
        return Math.Round((decimal)above * Math.Max(0, PricePerGbMonth - ArchivePricePerGbMonth), 2);
    }

    /// <summary>The one-time fee for restoring these bytes from the archive.</summary>
    public decimal RestoreCost(long bytes) => Math.Round((decimal)(bytes / BytesPerGb) * RestorePricePerGb, 2);

    public static double Gb(long bytes) => bytes / BytesPerGb;
}

public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new List<string>();
        foreach (var (key, value) in new[]
                 {
                     (nameof(StorageOptions.PricePerGbMonth), options.PricePerGbMonth),
                     (nameof(StorageOptions.ArchivePricePerGbMonth), options.ArchivePricePerGbMonth),
                     (nameof(StorageOptions.ArchiveTierThresholdTb), options.ArchiveTierThresholdTb),
                     (nameof(StorageOptions.RestorePricePerGb), options.RestorePricePerGb),
                 })
        {
            if (value < 0)
            {
                problems.Add($"{StorageOptions.Section}:{key} cannot be negative (it is {value}).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Currency))
        {
            problems.Add($"{StorageOptions.Section}:Currency cannot be empty.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
