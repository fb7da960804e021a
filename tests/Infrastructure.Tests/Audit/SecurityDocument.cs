using System.Text.RegularExpressions;

namespace EcrCurator.Infrastructure.Tests.Audit;

/// <summary>docs/security.md, which documents the audit log's canonical encoding with a worked example, and a webhook receiver's check.</summary>
public static partial class SecurityDocument
{
    /// <summary>The hash of the example entry, as the document gives it.</summary>
    public static string ExampleHash => ExampleHashLine().Match(Text).Groups[1].Value;

    public static string Text => File.ReadAllText(Path());

    private static string Path()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var document = System.IO.Path.Combine(directory.FullName, "docs", "security.md");
            if (File.Exists(document))
            {
                return document;
            }
        }

        throw new InvalidOperationException("docs/security.md not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("Its hash is `([0-9a-f]{64})`")]
    private static partial Regex ExampleHashLine();
}
