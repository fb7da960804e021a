using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcrCurator.Infrastructure.Persistence.Configurations;

public sealed class RepositoryConfiguration : IEntityTypeConfiguration<RepositoryRow>
{
    public void Configure(EntityTypeBuilder<RepositoryRow> builder)
    {
        builder.ToTable("repositories");
        builder.HasIndex(repository => new { repository.AccountId, repository.Region, repository.Name }).IsUnique();
        builder.HasIndex(repository => repository.Team);
    }
}
