using System.Text;
using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EcrCurator.Infrastructure.Persistence;

/// <summary>Everything the product remembers, in PostgreSQL; tables and columns in snake_case.</summary>
public sealed class CuratorDbContext(DbContextOptions<CuratorDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<RepositoryRow> Repositories => Set<RepositoryRow>();

    public DbSet<ImageRow> Images => Set<ImageRow>();

    public DbSet<SnapshotRow> Snapshots => Set<SnapshotRow>();

    public DbSet<SnapshotSourceRow> SnapshotSources => Set<SnapshotSourceRow>();

    public DbSet<SnapshotRepositoryRow> SnapshotRepositories => Set<SnapshotRepositoryRow>();

    public DbSet<SnapshotReadRow> SnapshotReads => Set<SnapshotReadRow>();

    public DbSet<SnapshotReadRepositoryRow> SnapshotReadRepositories => Set<SnapshotReadRepositoryRow>();

    public DbSet<ProposalRow> Proposals => Set<ProposalRow>();

    public DbSet<ProposalCandidateRow> ProposalCandidates => Set<ProposalCandidateRow>();

    public DbSet<ApprovalRow> Approvals => Set<ApprovalRow>();

    public DbSet<ExclusionRow> Exclusions => Set<ExclusionRow>();

    public DbSet<ExecutionOutcomeRow> ExecutionOutcomes => Set<ExecutionOutcomeRow>();

    public DbSet<PinRow> Pins => Set<PinRow>();

    public DbSet<QuarantineRow> Quarantines => Set<QuarantineRow>();

    public DbSet<PolicyRow> Policies => Set<PolicyRow>();

    public DbSet<SettingsRow> Settings => Set<SettingsRow>();

    public DbSet<NotificationChannelRow> NotificationChannels => Set<NotificationChannelRow>();

    public DbSet<NotificationDeliveryRow> NotificationDeliveries => Set<NotificationDeliveryRow>();

    public DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();

    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    public DbSet<UsageReportRow> UsageReports => Set<UsageReportRow>();

    public DbSet<ExpectedReporterRow> ExpectedReporters => Set<ExpectedReporterRow>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm"); // the repository name search
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CuratorDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties().Where(property => !property.IsConcurrencyToken))
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    public static string SnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(name[i]));
        }

        return snake.ToString();
    }
}
