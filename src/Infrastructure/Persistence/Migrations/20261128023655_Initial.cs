using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EcrCurator.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    target = table.Column<string>(type: "text", nullable: false),
                    team = table.Column<string>(type: "text", nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pins",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    region = table.Column<string>(type: "text", nullable: false),
                    repository = table.Column<string>(type: "text", nullable: false),
                    digest = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pins", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    scope = table.Column<string>(type: "text", nullable: false),
                    team = table.Column<string>(type: "text", nullable: true),
                    repository = table.Column<string>(type: "text", nullable: true),
                    account_id = table.Column<string>(type: "text", nullable: true),
                    region = table.Column<string>(type: "text", nullable: true),
                    window_days = table.Column<int>(type: "integer", nullable: true),
                    delete_untagged = table.Column<bool>(type: "boolean", nullable: true),
                    keep_newest = table.Column<int>(type: "integer", nullable: true),
                    keep_pulled_within_days = table.Column<int>(type: "integer", nullable: true),
                    keep_tag_patterns = table.Column<string[]>(type: "text[]", nullable: true),
                    keep_rollback_revisions = table.Column<int>(type: "integer", nullable: true),
                    excluded = table.Column<bool>(type: "boolean", nullable: true),
                    mode = table.Column<string>(type: "text", nullable: true),
                    updated_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "repositories",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    region = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    team = table.Column<string>(type: "text", nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    mode = table.Column<string>(type: "text", nullable: false),
                    image_count = table.Column<int>(type: "integer", nullable: false),
                    candidate_count = table.Column<int>(type: "integer", nullable: false),
                    in_use_count = table.Column<int>(type: "integer", nullable: false),
                    pinned_count = table.Column<int>(type: "integer", nullable: false),
                    image_bytes = table.Column<long>(type: "bigint", nullable: false),
                    candidate_bytes = table.Column<long>(type: "bigint", nullable: false),
                    reclaimable_bytes = table.Column<long>(type: "bigint", nullable: false),
                    last_pushed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_snapshot_id = table.Column<long>(type: "bigint", nullable: false),
                    gone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repositories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    kill_switch = table.Column<bool>(type: "boolean", nullable: false),
                    dry_run = table.Column<bool>(type: "boolean", nullable: false),
                    snapshot_cron = table.Column<string>(type: "text", nullable: false),
                    time_zone = table.Column<string>(type: "text", nullable: false),
                    window_start = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    window_end = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    approvals_required = table.Column<int>(type: "integer", nullable: false),
                    auto_run_max_image_share = table.Column<decimal>(type: "numeric", nullable: false),
                    auto_run_max_byte_share = table.Column<decimal>(type: "numeric", nullable: false),
                    auto_run_max_gb = table.Column<decimal>(type: "numeric", nullable: true),
                    updated_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    started_by = table.Column<string>(type: "text", nullable: false),
                    rollback_depth = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    incomplete_reasons = table.Column<string[]>(type: "text[]", nullable: false),
                    problems = table.Column<string[]>(type: "text[]", nullable: false),
                    repositories = table.Column<int>(type: "integer", nullable: false),
                    images = table.Column<int>(type: "integer", nullable: false),
                    candidates = table.Column<int>(type: "integer", nullable: false),
                    image_bytes = table.Column<long>(type: "bigint", nullable: false),
                    candidate_bytes = table.Column<long>(type: "bigint", nullable: false),
                    reclaimable_bytes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "images",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    repository_id = table.Column<long>(type: "bigint", nullable: false),
                    digest = table.Column<string>(type: "text", nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    pushed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    last_pulled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    media_type = table.Column<string>(type: "text", nullable: true),
                    artifact_media_type = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    manifests = table.Column<string[]>(type: "text[]", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: true),
                    layer_digests = table.Column<string[]>(type: "text[]", nullable: true),
                    layer_sizes = table.Column<long[]>(type: "bigint[]", nullable: true),
                    decision = table.Column<string>(type: "text", nullable: false),
                    reasons = table.Column<string[]>(type: "text[]", nullable: false),
                    used_by = table.Column<string[]>(type: "text[]", nullable: false),
                    changed_snapshot_id = table.Column<long>(type: "bigint", nullable: false),
                    gone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_images", x => x.id);
                    table.ForeignKey(
                        name: "FK_images_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "proposals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    repository_id = table.Column<long>(type: "bigint", nullable: false),
                    snapshot_id = table.Column<long>(type: "bigint", nullable: false),
                    confirmed_snapshot_id = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    status_reason = table.Column<string>(type: "text", nullable: true),
                    deleted_bytes = table.Column<long>(type: "bigint", nullable: false),
                    candidate_set = table.Column<string>(type: "text", nullable: false),
                    candidate_count = table.Column<int>(type: "integer", nullable: false),
                    candidate_bytes = table.Column<long>(type: "bigint", nullable: false),
                    reclaimable_bytes = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposals", x => x.id);
                    table.ForeignKey(
                        name: "FK_proposals_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_proposals_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "snapshot_reads",
                columns: table => new
                {
                    snapshot_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    region = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_snapshot_reads", x => new { x.snapshot_id, x.account_id, x.region });
                    table.ForeignKey(
                        name: "FK_snapshot_reads_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "snapshot_repositories",
                columns: table => new
                {
                    snapshot_id = table.Column<long>(type: "bigint", nullable: false),
                    repository_id = table.Column<long>(type: "bigint", nullable: false),
                    images = table.Column<int>(type: "integer", nullable: false),
                    candidates = table.Column<int>(type: "integer", nullable: false),
                    image_bytes = table.Column<long>(type: "bigint", nullable: false),
                    candidate_bytes = table.Column<long>(type: "bigint", nullable: false),
                    reclaimable_bytes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_snapshot_repositories", x => new { x.snapshot_id, x.repository_id });
                    table.ForeignKey(
                        name: "FK_snapshot_repositories_repositories_repository_id",
                        column: x => x.repository_id,
                        principalTable: "repositories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_snapshot_repositories_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "snapshot_sources",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    snapshot_id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    region = table.Column<string>(type: "text", nullable: false),
                    is_registry = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    repositories_done = table.Column<int>(type: "integer", nullable: false),
                    repositories_total = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_snapshot_sources", x => x.id);
                    table.ForeignKey(
                        name: "FK_snapshot_sources_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "approvals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    approved = table.Column<bool>(type: "boolean", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals", x => x.id);
                    table.ForeignKey(
                        name: "FK_approvals_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exclusions",
                columns: table => new
                {
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    digest = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exclusions", x => new { x.proposal_id, x.digest });
                    table.ForeignKey(
                        name: "FK_exclusions_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "execution_outcomes",
                columns: table => new
                {
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    digest = table.Column<string>(type: "text", nullable: false),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_execution_outcomes", x => new { x.proposal_id, x.digest });
                    table.ForeignKey(
                        name: "FK_execution_outcomes_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "proposal_candidates",
                columns: table => new
                {
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    digest = table.Column<string>(type: "text", nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    pushed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_pulled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reasons = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposal_candidates", x => new { x.proposal_id, x.digest });
                    table.ForeignKey(
                        name: "FK_proposal_candidates_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "settings",
                columns: new[] { "id", "approvals_required", "auto_run_max_byte_share", "auto_run_max_gb", "auto_run_max_image_share", "dry_run", "kill_switch", "snapshot_cron", "time_zone", "updated_at", "updated_by", "window_end", "window_start" },
                values: new object[] { 1, 1, 0.5m, null, 0.5m, false, false, "0 1 * * *", "Asia/Tokyo", new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", null, null });

            migrationBuilder.CreateIndex(
                name: "IX_approvals_proposal_id",
                table: "approvals",
                column: "proposal_id");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_action_at",
                table: "audit_entries",
                columns: new[] { "action", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_actor_at",
                table: "audit_entries",
                columns: new[] { "actor", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_images_repository_id_decision",
                table: "images",
                columns: new[] { "repository_id", "decision" });

            migrationBuilder.CreateIndex(
                name: "IX_images_repository_id_digest",
                table: "images",
                columns: new[] { "repository_id", "digest" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pins_account_id_region_repository_digest",
                table: "pins",
                columns: new[] { "account_id", "region", "repository", "digest" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_policies_scope_team_repository_account_id_region",
                table: "policies",
                columns: new[] { "scope", "team", "repository", "account_id", "region" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "IX_proposals_repository_id_status",
                table: "proposals",
                columns: new[] { "repository_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_proposals_snapshot_id",
                table: "proposals",
                column: "snapshot_id");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_status",
                table: "proposals",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_one_open_per_repository",
                table: "proposals",
                column: "repository_id",
                unique: true,
                filter: "status IN ('Pending', 'Approved', 'Executing')");

            migrationBuilder.CreateIndex(
                name: "IX_repositories_account_id_region_name",
                table: "repositories",
                columns: new[] { "account_id", "region", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_repositories_team",
                table: "repositories",
                column: "team");

            migrationBuilder.CreateIndex(
                name: "IX_snapshot_repositories_repository_id",
                table: "snapshot_repositories",
                column: "repository_id");

            migrationBuilder.CreateIndex(
                name: "IX_snapshot_sources_snapshot_id_account_id_region",
                table: "snapshot_sources",
                columns: new[] { "snapshot_id", "account_id", "region" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_snapshots_started_at",
                table: "snapshots",
                column: "started_at");

            // The audit log is append-only: no role may change or remove an entry (a test reset truncates).
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit log is append-only: % of audit entries is refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_entries_append_only ON audit_entries; DROP FUNCTION refuse_audit_change();");
            migrationBuilder.DropTable(
                name: "approvals");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "exclusions");

            migrationBuilder.DropTable(
                name: "execution_outcomes");

            migrationBuilder.DropTable(
                name: "images");

            migrationBuilder.DropTable(
                name: "pins");

            migrationBuilder.DropTable(
                name: "policies");

            migrationBuilder.DropTable(
                name: "proposal_candidates");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "snapshot_reads");

            migrationBuilder.DropTable(
                name: "snapshot_repositories");

            migrationBuilder.DropTable(
                name: "snapshot_sources");

            migrationBuilder.DropTable(
                name: "proposals");

            migrationBuilder.DropTable(
                name: "repositories");

            migrationBuilder.DropTable(
                name: "snapshots");
        }
    }
}
