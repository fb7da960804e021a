using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Api;

/// <summary><c>Curator:Api</c>: the automation API's limits.</summary>
public sealed class ApiOptions
{
    public const string Section = "Curator:Api";

    /// <summary>Requests each token may make per minute; past it the API answers 429 with <c>Retry-After</c>.</summary>
    public int RequestsPerMinute { get; set; } = 60;
}

public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options) =>
        options.RequestsPerMinute is < 1 or > 100_000
            ? ValidateOptionsResult.Fail($"{ApiOptions.Section}:RequestsPerMinute must be 1 to 100000; it is {options.RequestsPerMinute}.")
            : ValidateOptionsResult.Success;
}
