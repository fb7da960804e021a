using EcrCurator.Infrastructure.Persistence;
using EcrCurator.Web.SignIn;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Web.Features.Settings;

/// <summary>What the Settings pages read and do; every mutation is authorized here.</summary>
public sealed class SettingsService(IDbContextFactory<CuratorDbContext> contexts, CurrentUser user)
{
    private readonly IDbContextFactory<CuratorDbContext> _contexts = contexts;
    private readonly CurrentUser _user = user;
}
