using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcrCurator.Infrastructure.Persistence.Configurations;

public sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannelRow>
{
    public void Configure(EntityTypeBuilder<NotificationChannelRow> builder)
    {
        builder.ToTable("notification_channels");
        builder.HasIndex(channel => channel.Name).IsUnique();
        builder.Ignore(channel => channel.TeamsText);
        builder.Ignore(channel => channel.EventsText);
    }
}

public sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDeliveryRow>
{
    public void Configure(EntityTypeBuilder<NotificationDeliveryRow> builder)
    {
        builder.ToTable("notification_deliveries");
        builder.HasIndex(delivery => new { delivery.ChannelId, delivery.Id });
        builder.HasIndex(delivery => delivery.ProposalIds).HasMethod("gin");
        builder.Property(delivery => delivery.Message).HasColumnType("jsonb");
        builder.HasOne<NotificationChannelRow>().WithMany().HasForeignKey(delivery => delivery.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}
