using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcrCurator.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ChangedSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "seen_snapshot_id",
                table: "images",
                newName: "changed_snapshot_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "changed_snapshot_id",
                table: "images",
                newName: "seen_snapshot_id");
        }
    }
}
