using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcrCurator.Infrastructure.Persistence.Configurations;

public sealed class ImageConfiguration : IEntityTypeConfiguration<ImageRow>
{
    public void Configure(EntityTypeBuilder<ImageRow> builder)
    {
        builder.ToTable("images");
        builder.HasIndex(image => new { image.RepositoryId, image.Digest }).IsUnique();
        builder.HasIndex(image => new { image.RepositoryId, image.Decision });
        builder.HasIndex(image => new { image.RepositoryId, image.PushedAt });
        builder.HasIndex(image => new { image.RepositoryId, image.SizeBytes });
        builder.HasOne<RepositoryRow>().WithMany().HasForeignKey(image => image.RepositoryId);
    }
}
