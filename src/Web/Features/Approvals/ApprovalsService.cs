using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Approvals;

/// <summary>What the Approvals pages read and do; every mutation is authorized here.</summary>
public sealed class ApprovalsService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user)
{
    private readonly IDbContextFactory<CuratorDbContext> _contexts = contexts;
    private readonly CurrentUser _user = user;
}
