using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcrCurator.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImageDependents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_dependent",
                table: "images",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql(Backfill);
        }

        /// <summary>
        /// Until the next snapshot writes it, the images already stored learn it once from the same rules (SPEC 3.4, 3.5)
        /// as the engine's; a test holds the two to agreeing.
        /// </summary>
        public const string Backfill = """
                UPDATE images image SET is_dependent = true
                WHERE image.gone_at IS NULL AND (
                    EXISTS (
                        SELECT 1 FROM images parent
                        WHERE parent.repository_id = image.repository_id AND parent.gone_at IS NULL
                          AND parent.digest <> image.digest AND image.digest = ANY(parent.manifests))
                    OR EXISTS (
                        SELECT 1 FROM images subject
                        WHERE subject.repository_id = image.repository_id AND subject.gone_at IS NULL
                          AND subject.digest <> image.digest AND subject.digest = image.subject)
                    OR EXISTS (
                        SELECT 1 FROM unnest(image.tags) tag
                        JOIN images subject ON subject.repository_id = image.repository_id AND subject.gone_at IS NULL
                          AND subject.digest <> image.digest AND subject.digest = 'sha256:' || lower(substr(tag, 8, 64))
                        WHERE tag ~ '^sha256-[0-9a-fA-F]{64}\.(sig|att|sbom)$'))
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_dependent",
                table: "images");
        }
    }
}
