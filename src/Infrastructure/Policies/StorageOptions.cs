using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Policies;

/// <summary>What stored bytes cost (<c>Curator:Storage</c>), for projected savings.</summary>
public sealed class StorageOptions
{
    public const string Section = "Curator:Storage";

    private const double BytesPerGb = 1024d * 1024 * 1024;

    /// <summary>ECR's price per GB-month (AWS bills storage in GB of 2^30 bytes).</summary>
    public decimal PricePerGbMonth { get; set; } = 0.10m;

    public string Currency { get; set; } = "USD";

    public decimal MonthlyCost(long bytes) => Math.Round((decimal)(bytes / BytesPerGb) * PricePerGbMonth, 2);

    public static double Gb(long bytes) => bytes / BytesPerGb;
}

public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        options.PricePerGbMonth < 0
            ? ValidateOptionsResult.Fail($"{StorageOptions.Section}:PricePerGbMonth cannot be negative (it is {options.PricePerGbMonth}).")
            : string.IsNullOrWhiteSpace(options.Currency)
                ? ValidateOptionsResult.Fail($"{StorageOptions.Section}:Currency cannot be empty.")
                : ValidateOptionsResult.Success;
}
