using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EcrCurator.Web.Tests.Browser;

/// <summary>
/// Full-page screenshots as test artifacts: PNG files in <c>artifacts/screenshots/</c> at the repository root, named
/// after the test and the page (<c>Browser.SigningInTests.EachRole…-role-Viewer-01-overview.png</c>).
/// </summary>
public sealed partial class Screenshots
{
    private readonly string prefix = Sanitize(TestContext.Current.Test?.TestDisplayName.Replace("EcrCurator.Web.Tests.", "", StringComparison.Ordinal) ?? "no-test");
    private int taken;

    /// <summary><c>artifacts/screenshots</c> beside <c>EcrCurator.sln</c> (the build output's folder when there is none).</summary>
    public static string Folder { get; } = FindFolder();

    /// <returns>The file written.</returns>
    public async Task<string> TakeAsync(IPage page, string name)
    {
        var file = Path.Combine(Folder, $"{prefix}-{++taken:00}-{Sanitize(name)}.png");
        // Files only, not TestContext attachments: under dotnet test those are copies in the results folder (which
        // test.sh deletes), each listed in its output.
        await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = file });
        return file;
    }

    /// <summary>A page's name for its screenshot: <c>/</c> is <c>overview</c>, <c>/repositories/3?x=1</c> is <c>repositories-3</c>.</summary>
    public static string NameOf(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url.Split('?')[0];
        return path.Trim('/') is { Length: > 0 } trimmed ? Sanitize(trimmed) : "overview";
    }

    private static string Sanitize(string text) => Unsafe().Replace(text, "-").Trim('-');

    private static string FindFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EcrCurator.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [GeneratedRegex("[^A-Za-z0-9._]+")]
    private static partial Regex Unsafe();
}
