using System.Security.Cryptography;
using System.Text;
using EcrCurator.Domain;

namespace EcrCurator.Infrastructure.Snapshots;

/// <summary>
/// What identifies a repository's candidates: their digests, tags and (when not a deletion) action. A proposal is
/// superseded only when this changes.
/// </summary>
public static class CandidateSet
{
    public static string Of(IEnumerable<ImageDecision> candidates)
    {
        var lines = candidates
            .Select(candidate => $"{candidate.Image.Digest} {string.Join(",", candidate.Image.Tags.Order(StringComparer.Ordinal))}"
                                 + (candidate.Action == RetentionAction.Quarantine ? " quarantine" : ""))
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
    }
}
