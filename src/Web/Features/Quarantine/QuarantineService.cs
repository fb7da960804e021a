using EcrCurator.Domain;
using EcrCurator.Infrastructure.Aws;
using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Infrastructure.Policies;
using EcrCurator.Infrastructure.Quarantine;
using EcrCurator.Web.Components.Shared;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcrCurator.Web.Features.Quarantine;

/// <summary>
/// Restores from the quarantine, for the Repository, Approvals and History pages: a Curator or an Admin (or a Curator of the repository's team) restores one
/// image, a selection, or everything an execution archived; each image is pinned and audited with the person's name.
/// </summary>
public sealed class QuarantineService(
    RestoreService restores, CurrentUser user, IDbContextFactory<CuratorDbContext> contexts, IOptions<StorageOptions> storage)
{
    private const string Restoring = "restore images from the quarantine";

    public async Task<RestoreResult> RestoreAsync(RepositoryKey repository, IReadOnlyCollection<string> digests, CancellationToken cancellation = default)
    {
        string? team;
        await using (var db = await contexts.CreateDbContextAsync(cancellation))
        {
            team = await OwningTeam.OfRepositoryAsync(db, repository.AccountId, repository.Region, repository.Name, cancellation);
        }

        var actor = await user.RequireForTeamAsync(CuratorRoles.Curator, team, Restoring);
        return await RefusedAsDashboardAsync(() => restores.RestoreAsync(repository, digests, actor, cancellation));
    }

    /// <param name="repository">The repository as <c>account/region/name</c>.</param>
    public Task<RestoreResult> RestoreAsync(string repository, IReadOnlyCollection<string> digests, CancellationToken cancellation = default) =>
        repository.Split('/', 3) is [var account, var region, var name]
            ? RestoreAsync(new RepositoryKey(account, region, name), digests, cancellation)
            : throw new DashboardException($"'{repository}' is not a repository (account/region/name).");

    public async Task<RestoreResult> RestoreExecutionAsync(long proposalId, CancellationToken cancellation = default)
    {
        string? team;
        await using (var db = await contexts.CreateDbContextAsync(cancellation))
        {
            team = await OwningTeam.OfProposalAsync(db, proposalId, cancellation);
        }

        var actor = await user.RequireForTeamAsync(CuratorRoles.Curator, team, Restoring);
        return await RefusedAsDashboardAsync(() => restores.RestoreExecutionAsync(proposalId, actor, cancellation));
    }

    /// <summary>ECR's one-time fee for restoring these bytes, in the configured currency.</summary>
    public string RestoreFee(long bytes) => Display.Money(storage.Value.RestoreCost(bytes), storage.Value.Currency);

    private static async Task<RestoreResult> RefusedAsDashboardAsync(Func<Task<RestoreResult>> restore)
    {
        try
        {
            return await restore();
        }
        catch (Exception error) when (error is RestoreException or AwsException or AwsCredentialsException)
        {
            throw new DashboardException(error.Message);
        }
    }
}
