using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcrCurator.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LifecyclePolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "lifecycle_dangers",
                table: "snapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "lifecycle_dangers",
                table: "repositories",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "lifecycle_findings",
                table: "repositories",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "lifecycle_in_use_dangers",
                table: "repositories",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "lifecycle_information",
                table: "repositories",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "lifecycle_not_understood",
                table: "repositories",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lifecycle_policy",
                table: "repositories",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lifecycle_unreadable",
                table: "repositories",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "lifecycle_dangers",
                table: "snapshots");

            migrationBuilder.DropColumn(
                name: "lifecycle_dangers",
                table: "repositories");

            migrationBuilder.DropColumn(
                name: "lifecycle_findings",
                table: "repositories");

            migrationBuilder.DropColumn(
                name: "lifecycle_in_use_dangers",
                table: "repositories");

            migrationBuilder.DropColumn(
                name: "lifecycle_information",
                table: "repositories");

            migrationBuilder.DropColumn(
                name: "lifecycle_not_understood",
                table: "repositories");

            migrationBuilder.DropColumn(
                name: "lifecycle_policy",
                table: "repositories");

            migrationBuilder.DropColumn(
                name: "lifecycle_unreadable",
                table: "repositories");
        }
    }
}
