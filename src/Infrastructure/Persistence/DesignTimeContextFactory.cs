using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>For <c>dotnet ef migrations add</c>: no database is contacted.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<CuratorDbContext>
{
    public CuratorDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CuratorDbContext>().UseNpgsql("Host=localhost;Database=ecr_curator").Options);
}
