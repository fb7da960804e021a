using EcrCurator.Infrastructure.Persistence.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcrCurator.Infrastructure.Persistence.Configurations;

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiTokenRow>
{
    public void Configure(EntityTypeBuilder<ApiTokenRow> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasIndex(token => token.Name).IsUnique();
    }
}

public sealed class UsageReportConfiguration : IEntityTypeConfiguration<UsageReportRow>
{
    public void Configure(EntityTypeBuilder<UsageReportRow> builder)
    {
        builder.ToTable("usage_reports");
        builder.HasIndex(report => report.Source).IsUnique();
    }
}

public sealed class ExpectedReporterConfiguration : IEntityTypeConfiguration<ExpectedReporterRow>
{
    public void Configure(EntityTypeBuilder<ExpectedReporterRow> builder)
    {
        builder.ToTable("expected_reporters");
        builder.HasIndex(reporter => reporter.Source).IsUnique();
    }
}
