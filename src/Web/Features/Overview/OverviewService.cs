using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Overview;

/// <summary>What the Overview pages read and do; every mutation is authorized here.</summary>
public sealed class OverviewService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user)
{
    private readonly IDbContextFactory<CuratorDbContext> _contexts = contexts;
    private readonly CurrentUser _user = user;
}
