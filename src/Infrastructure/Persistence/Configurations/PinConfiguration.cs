using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcrCurator.Infrastructure.Persistence.Configurations;

public sealed class PinConfiguration : IEntityTypeConfiguration<PinRow>
{
    public void Configure(EntityTypeBuilder<PinRow> builder)
    {
        builder.ToTable("pins");
        builder.HasIndex(pin => new { pin.AccountId, pin.Region, pin.Repository, pin.Digest }).IsUnique();
        builder.Property(pin => pin.Version).IsRowVersion();
    }
}

public sealed class QuarantineConfiguration : IEntityTypeConfiguration<QuarantineRow>
{
    public void Configure(EntityTypeBuilder<QuarantineRow> builder)
    {
        builder.ToTable("quarantined_images");
        builder.HasIndex(quarantine => new { quarantine.AccountId, quarantine.Region, quarantine.Repository, quarantine.Digest });
        builder.HasIndex(quarantine => quarantine.ProposalId);
        builder.HasIndex(quarantine => quarantine.ArchivedAt).HasFilter("restore_requested_at IS NULL AND deleted_at IS NULL").HasDatabaseName("ix_quarantined_images_open");
    }
}

public sealed class PolicyConfiguration : IEntityTypeConfiguration<PolicyRow>
{
    public void Configure(EntityTypeBuilder<PolicyRow> builder)
    {
        builder.ToTable("policies");
        builder.HasIndex(policy => new { policy.Scope, policy.Team, policy.Repository, policy.AccountId, policy.Region }).IsUnique().AreNullsDistinct(false);
        builder.Property(policy => policy.Version).IsRowVersion();
    }
}

public sealed class SettingsConfiguration : IEntityTypeConfiguration<SettingsRow>
{
    public void Configure(EntityTypeBuilder<SettingsRow> builder)
    {
        builder.ToTable("settings");
        builder.Property(settings => settings.Id).ValueGeneratedNever();
        builder.Property(settings => settings.Version).IsRowVersion();
        builder.HasData(new SettingsRow { UpdatedAt = DateTimeOffset.UnixEpoch });
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRow>
{
    public void Configure(EntityTypeBuilder<AuditEntryRow> builder)
    {
        builder.ToTable("audit_entries", table => table.HasCheckConstraint("CK_audit_entries_actor_kind", "actor_kind IN ('person', 'automation')"));
        builder.HasIndex(entry => entry.At);
        builder.HasIndex(entry => new { entry.Actor, entry.At });
        builder.HasIndex(entry => new { entry.Action, entry.At });
        builder.HasIndex(entry => new { entry.Team, entry.At });
        builder.HasIndex(entry => entry.Target).HasOperators("text_pattern_ops"); // a repository's entries: its target, or a prefix of it
        builder.Property(entry => entry.Details).HasColumnType("jsonb");

        // The database gives the id, the previous hash and the hash as it chains the entry (the trigger of migration AuditChain).
        builder.Property(entry => entry.PreviousHash).IsRequired().ValueGeneratedOnAdd();
        builder.Property(entry => entry.Hash).IsRequired().ValueGeneratedOnAdd();
    }
}
