using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcrCurator.Infrastructure.Persistence.Configurations;

public sealed class ProposalConfiguration : IEntityTypeConfiguration<ProposalRow>
{
    public void Configure(EntityTypeBuilder<ProposalRow> builder)
    {
        builder.ToTable("proposals");
        builder.HasIndex(proposal => new { proposal.RepositoryId, proposal.Status });
        builder.HasIndex(proposal => proposal.RepositoryId).IsUnique().HasFilter("status IN ('Pending', 'Approved', 'Executing')")
            .HasDatabaseName("ix_proposals_one_open_per_repository");
        builder.HasIndex(proposal => proposal.Status).IncludeProperties(proposal => proposal.DeletedBytes);
        builder.HasIndex(proposal => proposal.ExecutedAt).IncludeProperties(proposal => proposal.DeletedBytes)
            .HasFilter("status IN ('Executed', 'PartiallyExecuted')").HasDatabaseName("ix_proposals_realised");
        builder.HasOne<RepositoryRow>().WithMany().HasForeignKey(proposal => proposal.RepositoryId);
        builder.HasOne<SnapshotRow>().WithMany().HasForeignKey(proposal => proposal.SnapshotId);
        builder.HasMany(proposal => proposal.Candidates).WithOne().HasForeignKey(candidate => candidate.ProposalId);
        builder.HasMany(proposal => proposal.Approvals).WithOne().HasForeignKey(approval => approval.ProposalId);
        builder.HasMany(proposal => proposal.Exclusions).WithOne().HasForeignKey(exclusion => exclusion.ProposalId);
        builder.Property(proposal => proposal.Version).IsRowVersion();
    }
}

public sealed class ProposalCandidateConfiguration : IEntityTypeConfiguration<ProposalCandidateRow>
{
    public void Configure(EntityTypeBuilder<ProposalCandidateRow> builder)
    {
        builder.ToTable("proposal_candidates");
        builder.HasKey(candidate => new { candidate.ProposalId, candidate.Digest });
    }
}

public sealed class ApprovalConfiguration : IEntityTypeConfiguration<ApprovalRow>
{
    public void Configure(EntityTypeBuilder<ApprovalRow> builder) => builder.ToTable("approvals");
}

public sealed class ExclusionConfiguration : IEntityTypeConfiguration<ExclusionRow>
{
    public void Configure(EntityTypeBuilder<ExclusionRow> builder)
    {
        builder.ToTable("exclusions");
        builder.HasKey(exclusion => new { exclusion.ProposalId, exclusion.Digest });
    }
}

public sealed class ExecutionOutcomeConfiguration : IEntityTypeConfiguration<ExecutionOutcomeRow>
{
    public void Configure(EntityTypeBuilder<ExecutionOutcomeRow> builder)
    {
        builder.ToTable("execution_outcomes");
        builder.HasKey(outcome => new { outcome.ProposalId, outcome.Digest });
        builder.HasOne<ProposalRow>().WithMany().HasForeignKey(outcome => outcome.ProposalId);
    }
}
