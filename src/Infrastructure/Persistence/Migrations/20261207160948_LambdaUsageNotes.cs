using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcrCurator.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LambdaUsageNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "notes",
                table: "snapshots",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "notes",
                table: "snapshots");
        }
    }
}
