using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcrCurator.Infrastructure.Persistence.Configurations;

public sealed class SnapshotConfiguration : IEntityTypeConfiguration<SnapshotRow>
{
    public void Configure(EntityTypeBuilder<SnapshotRow> builder)
    {
        builder.ToTable("snapshots");
        builder.HasIndex(snapshot => snapshot.StartedAt);
        builder.HasMany(snapshot => snapshot.Sources).WithOne().HasForeignKey(source => source.SnapshotId);
    }
}

public sealed class SnapshotSourceConfiguration : IEntityTypeConfiguration<SnapshotSourceRow>
{
    public void Configure(EntityTypeBuilder<SnapshotSourceRow> builder)
    {
        builder.ToTable("snapshot_sources");
        builder.HasIndex(source => new { source.SnapshotId, source.AccountId, source.Region }).IsUnique();
    }
}

public sealed class SnapshotRepositoryConfiguration : IEntityTypeConfiguration<SnapshotRepositoryRow>
{
    public void Configure(EntityTypeBuilder<SnapshotRepositoryRow> builder)
    {
        builder.ToTable("snapshot_repositories");
        builder.HasKey(row => new { row.SnapshotId, row.RepositoryId });
        builder.HasOne<SnapshotRow>().WithMany().HasForeignKey(row => row.SnapshotId);
        builder.HasOne<RepositoryRow>().WithMany().HasForeignKey(row => row.RepositoryId);
    }
}

public sealed class SnapshotReadConfiguration : IEntityTypeConfiguration<SnapshotReadRow>
{
    public void Configure(EntityTypeBuilder<SnapshotReadRow> builder)
    {
        builder.ToTable("snapshot_reads");
        builder.HasKey(read => new { read.SnapshotId, read.AccountId, read.Region });
        builder.HasOne<SnapshotRow>().WithMany().HasForeignKey(read => read.SnapshotId);
    }
}

public sealed class SnapshotReadRepositoryConfiguration : IEntityTypeConfiguration<SnapshotReadRepositoryRow>
{
    public void Configure(EntityTypeBuilder<SnapshotReadRepositoryRow> builder)
    {
        builder.ToTable("snapshot_read_repositories");
        builder.HasKey(read => new { read.SnapshotId, read.AccountId, read.Region, read.Name });
        builder.HasOne<SnapshotRow>().WithMany().HasForeignKey(read => read.SnapshotId);
    }
}
