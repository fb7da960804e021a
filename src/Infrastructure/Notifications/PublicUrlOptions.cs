using Microsoft.Extensions.Options;

namespace EcrCurator.Infrastructure.Notifications;

/// <summary><c>Curator:PublicUrl</c>: the dashboard's address as people reach it, for the links in notifications.</summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Curator";

    public string? PublicUrl { get; set; }

    /// <summary>The dashboard's page at <paramref name="path"/> (relative when no public URL is configured).</summary>
    public string Link(string path) =>
        string.IsNullOrWhiteSpace(PublicUrl) ? path : PublicUrl.TrimEnd('/') + path;
}

public sealed class PublicUrlOptionsValidator : IValidateOptions<PublicUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlOptions options) =>
        string.IsNullOrWhiteSpace(options.PublicUrl)
        || (Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{PublicUrlOptions.Section}:PublicUrl must be the dashboard's absolute http(s) address, such as https://curator.example.com (it is '{options.PublicUrl}').");
}
