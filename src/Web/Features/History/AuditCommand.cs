using System.Text.RegularExpressions;
using EcrCurator.Infrastructure.Audit;

namespace EcrCurator.Web.Features.History;

/// <summary>
/// <c>audit verify [--expect-head HASH]</c>: walks the audit chain and prints <c>N entries, chain intact, head HASH</c>
/// (exit 0), or names the first entry edited, removed or reordered, or the expected head missing (exit 1). Reads only.
/// </summary>
public static partial class AuditCommand
{
    public const string Verb = "audit";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (expectedHead, configuration) = Parse(args);
        using var host = CommandHost.Build(configuration, errors);
        _ = host.Database(); // a clear error when no database is configured
        var verification = await host.Services.GetRequiredService<AuditVerifier>().VerifyAsync(expectedHead, CancellationToken.None);
        output.WriteLine(verification);
        return verification.Intact ? 0 : 1;
    }

    private static (string? ExpectedHead, string[] Configuration) Parse(string[] args)
    {
        if (args is not ["verify", .. var rest])
        {
            throw new ArgumentException("audit needs what to do: audit verify [--expect-head HASH].");
        }

        string? expectedHead = null;
        var configuration = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] != "--expect-head")
            {
                configuration.Add(rest[i]);
                continue;
            }

            expectedHead = i + 1 < rest.Length && Sha256().IsMatch(rest[i + 1])
                ? rest[++i].ToLowerInvariant()
                : throw new ArgumentException("--expect-head needs a head as audit verify prints it: a SHA-256 hash of 64 hexadecimal digits.");
        }

        return (expectedHead, [.. configuration]);
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256();
}
