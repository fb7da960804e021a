using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EcrCurator.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ArchiveAndQuarantine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "archived_bytes",
                table: "repositories",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "quarantine_bytes",
                table: "repositories",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "archived_bytes",
                table: "proposals",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "action",
                table: "proposal_candidates",
                type: "text",
                nullable: false,
                defaultValue: "delete");

            migrationBuilder.AddColumn<string>(
                name: "action",
                table: "policies",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "quarantine_days",
                table: "policies",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "action",
                table: "images",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_activated_at",
                table: "images",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_archived_at",
                table: "images",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "quarantined_images",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    region = table.Column<string>(type: "text", nullable: false),
                    repository = table.Column<string>(type: "text", nullable: false),
                    digest = table.Column<string>(type: "text", nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    archived_by = table.Column<string>(type: "text", nullable: false),
                    restore_requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    restored_by = table.Column<string>(type: "text", nullable: true),
                    restored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarantined_images", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_quarantined_images_account_id_region_repository_digest",
                table: "quarantined_images",
                columns: new[] { "account_id", "region", "repository", "digest" });

            migrationBuilder.CreateIndex(
                name: "IX_quarantined_images_proposal_id",
                table: "quarantined_images",
                column: "proposal_id");

            migrationBuilder.CreateIndex(
                name: "ix_quarantined_images_open",
                table: "quarantined_images",
                column: "archived_at",
                filter: "restore_requested_at IS NULL AND deleted_at IS NULL");

            // Every candidate stored so far is deleted by its execution, until the next snapshot writes the action.
            migrationBuilder.Sql("UPDATE images SET action = 'delete' WHERE decision = 'delete' AND gone_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quarantined_images");

            migrationBuilder.DropColumn(
                name: "archived_bytes",
                table: "repositories");

            migrationBuilder.DropColumn(
                name: "quarantine_bytes",
                table: "repositories");

            migrationBuilder.DropColumn(
                name: "archived_bytes",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "action",
                table: "proposal_candidates");

            migrationBuilder.DropColumn(
                name: "action",
                table: "policies");

            migrationBuilder.DropColumn(
                name: "quarantine_days",
                table: "policies");

            migrationBuilder.DropColumn(
                name: "action",
                table: "images");

            migrationBuilder.DropColumn(
                name: "last_activated_at",
                table: "images");

            migrationBuilder.DropColumn(
                name: "last_archived_at",
                table: "images");
        }
    }
}
