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
        builder.HasIndex(repository => new { repository.ReclaimableBytes, repository.Id }).IsDescending(true, true)
            .HasFilter("gone_at IS NULL").HasDatabaseName("ix_repositories_present_by_reclaimable");
        builder.HasIndex(repository => repository.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_repositories_name_trgm");
    }
}
