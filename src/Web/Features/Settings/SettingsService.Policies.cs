using EcrCurator.Domain;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Persistence.Model;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EcrCurator.Web.Features.Settings;

public sealed partial class SettingsService
{
    public async Task<PoliciesView> GetPoliciesAsync(CancellationToken cancellation = default)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the retention policies");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var stored = (await db.Policies.AsNoTracking().OrderBy(policy => policy.Team).ThenBy(policy => policy.Repository).ThenBy(policy => policy.Id).ToListAsync(cancellation))
            .Select(PolicyRows.Stored).ToList();
        var teams = await db.Repositories.AsNoTracking().Where(repository => repository.GoneAt == null).Select(repository => repository.Team).Distinct().ToListAsync(cancellation);
        var configured = retention.Value;
        return new PoliciesView(
            stored.FirstOrDefault(policy => policy.Scope == PolicyScope.Default),
            [.. stored.Where(policy => policy.Scope == PolicyScope.Team)],
            [.. stored.Where(policy => policy.Scope == PolicyScope.Repository)],
            [.. configured.TeamPolicies.Select(team => new ConfiguredPolicy(team.Team, null, null, null, team))],
            [.. configured.RepositoryPolicies.Select(repository => new ConfiguredPolicy(null, repository.Repository, repository.AccountId, repository.Region, repository))],
            [.. teams.Concat(configured.TeamPolicies.Select(team => team.Team)).Concat(stored.Select(policy => policy.Team).OfType<string>()).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>What a policy's fields inherit where they are not set: the levels above it, without the policy itself.</summary>
    public async Task<RetentionPolicy> InheritedAsync(PolicyEdit edit, CancellationToken cancellation = default)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the retention policies");
        var configured = retention.Value.ToPolicySet();
        var inherited = RetentionPolicy.Default.With(configured.Default);
        if (edit.Scope == PolicyScope.Default)
        {
            return inherited;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var others = (await db.Policies.AsNoTracking().Where(policy => policy.Id != (edit.Id ?? 0)).OrderBy(policy => policy.Id).ToListAsync(cancellation))
            .Select(row => (Row: row, Override: StoredPolicies.ToOverride(row))).ToList();
        if (others.FirstOrDefault(policy => policy.Row.Scope == nameof(PolicyScope.Default)) is { Row: not null } storedDefault)
        {
            inherited = inherited.With(storedDefault.Override);
        }

        var policies = new PolicySet(
            PolicyRules.Full(inherited),
            [.. configured.Teams, .. others.Where(policy => policy.Row.Scope == nameof(PolicyScope.Team)).Select(policy => new TeamPolicy(policy.Row.Team!, policy.Override))],
            [
                .. configured.Repositories,
                .. others.Where(policy => policy.Row.Scope == nameof(PolicyScope.Repository))
                    .Select(policy => new RepositoryPolicy(policy.Row.Repository!, policy.Override) { AccountId = policy.Row.AccountId, Region = policy.Row.Region }),
            ]);
        if (edit.Scope == PolicyScope.Team)
        {
            return policies.For(new RepositoryKey("", "", ""), edit.Team?.Trim() ?? "");
        }

        var name = edit.Repository?.Trim() ?? "";
        var repository = await db.Repositories.AsNoTracking()
            .Where(row => row.Name == name && (edit.AccountId == null || row.AccountId == edit.AccountId) && (edit.Region == null || row.Region == edit.Region))
            .OrderBy(row => row.Id)
            .Select(row => new { row.AccountId, row.Region, row.Team })
            .FirstOrDefaultAsync(cancellation);
        return policies.For(
            new RepositoryKey(repository?.AccountId ?? edit.AccountId ?? "", repository?.Region ?? edit.Region ?? "", name),
            repository?.Team ?? TeamRules.Unassigned);
    }

    /// <summary>Up to 20 repository names containing <paramref name="search"/>, for the repository policy's name field.</summary>
    public async Task<IReadOnlyList<string>> RepositoryNamesAsync(string? search, CancellationToken cancellation = default)
    {
        await _user.RequireAsync(CuratorRoles.Viewer, "read the repositories");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var pattern = $"%{(search ?? "").Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%";
        return await db.Repositories.AsNoTracking()
            .Where(repository => repository.GoneAt == null && EF.Functions.Like(repository.Name, pattern))
            .Select(repository => repository.Name).Distinct().OrderBy(name => name).Take(20)
            .ToListAsync(cancellation);
    }

    /// <summary>Adds a policy, or changes the fields of an existing one.</summary>
    /// <exception cref="EditConflictException">When someone else changed or removed the policy since it was read.</exception>
    public async Task<StoredPolicy> SavePolicyAsync(PolicyEdit edit, CancellationToken cancellation = default)
    {
        var actor = await _user.RequireAsync(CuratorRoles.Admin, "change retention policies");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        PolicyRow row;
        object? before = null;
        if (edit.Id is { } id)
        {
            row = await db.Policies.SingleOrDefaultAsync(policy => policy.Id == id, cancellation)
                  ?? throw new EditConflictException($"Someone removed {edit.Describe()} while you were editing it; nothing was saved. Reload the page.");
            db.Entry(row).Property(policy => policy.Version).OriginalValue = edit.Version;
            before = PolicyRules.Audit(StoredPolicies.Fields(row));
        }
        else
        {
            row = PolicyRows.New(edit);
            if (await db.Policies.AnyAsync(PolicyRows.Same(row), cancellation))
            {
                throw new DashboardException($"{PolicyRows.Sentence(PolicyRows.Describe(row))} exists already; edit it instead of adding another.");
            }

            db.Policies.Add(row);
        }

        var problems = PolicyRules.Problems(edit.Fields).ToList();
        if (problems.Count > 0)
        {
            throw new DashboardException($"{PolicyRows.Sentence(PolicyRows.Describe(row))} was not saved: {string.Join(" ", problems)}");
        }

        StoredPolicies.Store(edit.Fields, row);
        var now = time.GetUtcNow();
        (row.UpdatedBy, row.UpdatedAt) = (actor, now);
        AuditLog.Record(db, actor, "policy.changed", PolicyRows.Target(row), new { before, after = PolicyRules.Audit(StoredPolicies.Fields(row)) }, await TeamOfAsync(db, row, cancellation), now);
        try
        {
            await SaveAsync(db, () => PolicyConflictAsync(row, cancellation), cancellation);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new DashboardException($"{PolicyRows.Sentence(PolicyRows.Describe(row))} was added by someone else meanwhile; reload the page and edit theirs.");
        }

        return PolicyRows.Stored(row);
    }

    /// <summary>Removes a stored policy: its fields inherit again (from the configuration, for the default).</summary>
    public async Task RemovePolicyAsync(long id, uint version, CancellationToken cancellation = default)
    {
        var actor = await _user.RequireAsync(CuratorRoles.Admin, "remove retention policies");
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var row = await db.Policies.SingleOrDefaultAsync(policy => policy.Id == id, cancellation)
                  ?? throw new EditConflictException("Someone removed this policy already. Reload the page.");
        db.Entry(row).Property(policy => policy.Version).OriginalValue = version;
        db.Policies.Remove(row);
        AuditLog.Record(db, actor, "policy.removed", PolicyRows.Target(row), new { before = PolicyRules.Audit(StoredPolicies.Fields(row)), after = (object?)null }, await TeamOfAsync(db, row, cancellation), time.GetUtcNow());
        await SaveAsync(db, () => PolicyConflictAsync(row, cancellation), cancellation);
    }

    private async Task<EditConflictException> PolicyConflictAsync(PolicyRow row, CancellationToken cancellation)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellation);
        var current = await db.Policies.AsNoTracking().SingleOrDefaultAsync(policy => policy.Id == row.Id, cancellation);
        return new EditConflictException(current is null
            ? $"Someone removed {PolicyRows.Describe(row)} while you were editing it; nothing was saved. Reload the page."
            : $"{current.UpdatedBy} changed {PolicyRows.Describe(row)} at {current.UpdatedAt:yyyy-MM-dd HH:mm} UTC while you were editing it; nothing was saved. Reload the page to see their values, then try again.");
    }

    private static async Task<string?> TeamOfAsync(CuratorDbContext db, PolicyRow row, CancellationToken cancellation) =>
        row.Team ?? (row.Repository is null ? null : await db.Repositories.AsNoTracking()
            .Where(repository => repository.Name == row.Repository && (row.AccountId == null || repository.AccountId == row.AccountId) && (row.Region == null || repository.Region == row.Region))
            .Select(repository => repository.Team).FirstOrDefaultAsync(cancellation));
}
