using System.Text.RegularExpressions;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Web.Components.Shared;

namespace EcrCurator.Web.Features.Settings;

/// <summary>Rows of the <c>policies</c> table: their targets, how messages and the audit log name them.</summary>
internal static partial class PolicyRows
{
    /// <summary>A new row for the policy an Admin adds, with its target checked.</summary>
    public static PolicyRow New(PolicyEdit edit)
    {
        static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var row = new PolicyRow
        {
            Scope = edit.Scope.ToString(),
            Team = edit.Scope == PolicyScope.Team ? Trimmed(edit.Team) : null,
            Repository = edit.Scope == PolicyScope.Repository ? Trimmed(edit.Repository) : null,
            AccountId = edit.Scope == PolicyScope.Repository ? Trimmed(edit.AccountId) : null,
            Region = edit.Scope == PolicyScope.Repository ? Trimmed(edit.Region) : null,
        };
        var problem = edit.Scope switch
        {
            PolicyScope.Team when row.Team is null => "Name the team the policy applies to.",
            PolicyScope.Repository when row.Repository is null => "Name the repository the policy applies to.",
            PolicyScope.Repository when row.AccountId is not null && !AccountId().IsMatch(row.AccountId) => $"AccountId '{row.AccountId}' is not an AWS account id (12 digits); leave it empty for any account.",
            PolicyScope.Repository when row.Region is not null && !AwsPartition.IsRegionName(row.Region) => $"Region '{row.Region}' is not an AWS region such as ap-northeast-1; leave it empty for any region.",
            _ => null,
        };
        return problem is null ? row : throw new DashboardException(problem);
    }

    /// <summary>The stored policy with the same target.</summary>
    public static System.Linq.Expressions.Expression<Func<PolicyRow, bool>> Same(PolicyRow row) => policy =>
        policy.Scope == row.Scope && policy.Team == row.Team && policy.Repository == row.Repository && policy.AccountId == row.AccountId && policy.Region == row.Region;

    public static StoredPolicy Stored(PolicyRow row) => new(
        row.Id, Enum.Parse<PolicyScope>(row.Scope), row.Team, row.Repository, row.AccountId, row.Region, StoredPolicies.Fields(row), row.UpdatedBy, row.UpdatedAt, row.Version);

    public static string Describe(PolicyRow row) => new PolicyEdit
    {
        Scope = Enum.Parse<PolicyScope>(row.Scope), Team = row.Team, Repository = row.Repository, AccountId = row.AccountId, Region = row.Region,
    }.Describe();

    public static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>How the audit log names a policy: <c>policy/default</c>, <c>policy/team/NAME</c>, <c>policy/repository/ACCOUNT/REGION/NAME</c> (<c>*</c>: any).</summary>
    public static string Target(PolicyRow row) => Enum.Parse<PolicyScope>(row.Scope) switch
    {
        PolicyScope.Default => "policy/default",
        PolicyScope.Team => $"policy/team/{row.Team}",
        _ => $"policy/repository/{row.AccountId ?? "*"}/{row.Region ?? "*"}/{row.Repository}",
    };

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();
}
