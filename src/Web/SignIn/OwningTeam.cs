using EcrCurator.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.SignIn;

/// <summary>The team a change concerns, for <see cref="CurrentUser.RequireForTeamAsync"/>: null when the repository or proposal is unknown.</summary>
public static class OwningTeam
{
    public static async Task<string?> OfRepositoryAsync(CuratorDbContext db, string accountId, string region, string repository, CancellationToken cancellation) =>
        await db.Repositories.AsNoTracking().Where(row => row.AccountId == accountId && row.Region == region && row.Name == repository)
            .Select(row => row.Team).SingleOrDefaultAsync(cancellation);

    public static async Task<string?> OfProposalAsync(CuratorDbContext db, long proposalId, CancellationToken cancellation) =>
        await db.Proposals.AsNoTracking().Where(proposal => proposal.Id == proposalId)
            .Join(db.Repositories, proposal => proposal.RepositoryId, repository => repository.Id, (_, repository) => repository.Team)
            .SingleOrDefaultAsync(cancellation);
}
