using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcrCurator.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_proposals_status",
                table: "proposals");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "executed_at",
                table: "proposals",
                type: "timestamp with time zone",
                nullable: true);

            // Executions finished before this column existed: their last outcome is when they finished.
            migrationBuilder.Sql("""
                UPDATE proposals p SET executed_at = (SELECT max(o.at) FROM execution_outcomes o WHERE o.proposal_id = p.id)
                WHERE p.status IN ('Executed', 'PartiallyExecuted', 'Failed')
                """);

            migrationBuilder.CreateIndex(
                name: "ix_repositories_name_trgm",
                table: "repositories",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_repositories_present_by_reclaimable",
                table: "repositories",
                columns: new[] { "reclaimable_bytes", "id" },
                descending: new bool[0],
                filter: "gone_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_status",
                table: "proposals",
                column: "status")
                .Annotation("Npgsql:IndexInclude", new[] { "deleted_bytes" });

            migrationBuilder.CreateIndex(
                name: "ix_proposals_realised",
                table: "proposals",
                column: "executed_at",
                filter: "status IN ('Executed', 'PartiallyExecuted')")
                .Annotation("Npgsql:IndexInclude", new[] { "deleted_bytes" });

            migrationBuilder.CreateIndex(
                name: "IX_images_repository_id_pushed_at",
                table: "images",
                columns: new[] { "repository_id", "pushed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_images_repository_id_size_bytes",
                table: "images",
                columns: new[] { "repository_id", "size_bytes" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_target",
                table: "audit_entries",
                column: "target")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_team_at",
                table: "audit_entries",
                columns: new[] { "team", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_repositories_name_trgm",
                table: "repositories");

            migrationBuilder.DropIndex(
                name: "ix_repositories_present_by_reclaimable",
                table: "repositories");

            migrationBuilder.DropIndex(
                name: "IX_proposals_status",
                table: "proposals");

            migrationBuilder.DropIndex(
                name: "ix_proposals_realised",
                table: "proposals");

            migrationBuilder.DropIndex(
                name: "IX_images_repository_id_pushed_at",
                table: "images");

            migrationBuilder.DropIndex(
                name: "IX_images_repository_id_size_bytes",
                table: "images");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_target",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_team_at",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "executed_at",
                table: "proposals");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_status",
                table: "proposals",
                column: "status");
        }
    }
}
