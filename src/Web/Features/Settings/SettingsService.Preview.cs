using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Settings;

public sealed partial class SettingsService
{
    /// <summary>
    /// What saving <paramref name="edit"/> would change, before it is saved: the last snapshot's images decided under
    /// the policies in force and under the edited ones (see <see cref="PolicyPreview"/>). Nothing is written.
    /// </summary>
    public async Task<PolicyImpact> PreviewPolicyAsync(PolicyEdit edit, CancellationToken cancellation = default)
    {
        await _user.RequireAsync(CuratorRoles.Admin, "preview retention policy changes");
        var problems = PolicyRules.Problems(edit.Fields).ToList();
        if (problems.Count > 0)
        {
            throw new DashboardException($"{PolicyRows.Sentence(edit.Describe())} cannot be previewed: {string.Join(" ", problems)}");
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var rows = await db.Policies.AsNoTracking().OrderBy(policy => policy.Id).ToListAsync(cancellation);
        var row = edit.Id is { } id
            ? rows.SingleOrDefault(policy => policy.Id == id) is { } stored ? Copy(stored) : throw new EditConflictException($"Someone removed {edit.Describe()} while you were editing it. Reload the page.")
            : PolicyRows.New(edit);
        if (edit.Id is null && rows.FirstOrDefault(PolicyRows.Same(row).Compile()) is { } same)
        {
            row.Id = same.Id; // adding a policy that exists already would be refused; preview it as an edit of that one
        }

        StoredPolicies.Store(edit.Fields, row);
        var configured = retention.Value.ToPolicySet();
        List<PolicyRow> edited = [.. rows.Where(policy => policy.Id != row.Id || row.Id == 0), row];
        if (row.Id != 0)
        {
            edited = [.. edited.OrderBy(policy => policy.Id)];
        }

        return await PolicyPreview.CompareAsync(db, StoredPolicies.Over(configured, rows), StoredPolicies.Over(configured, edited), time.GetUtcNow(), cancellation);
    }

    private static PolicyRow Copy(PolicyRow row) => new()
    {
        Id = row.Id, Scope = row.Scope, Team = row.Team, Repository = row.Repository, AccountId = row.AccountId, Region = row.Region,
        UpdatedBy = row.UpdatedBy, UpdatedAt = row.UpdatedAt,
    };
}
