namespace EcrCurator.Infrastructure.Inventory;

/// <summary>Which usage every usage source is read for beyond ECS (<c>Curator:Usage</c>).</summary>
public sealed class UsageOptions
{
    public const string Section = "Curator:Usage";

    /// <summary>
    /// Whether Lambda functions are read (<c>Curator:Usage:Lambda</c>, default true). Off, an image that only a Lambda
    /// function runs is not protected; every snapshot says so.
    /// </summary>
    public bool Lambda { get; set; } = true;

    /// <summary>What every snapshot states when Lambda is not read.</summary>
    public const string LambdaOffNote =
        "Lambda functions were not read (Curator:Usage:Lambda is false): an image that only a Lambda function runs is not protected.";
}
