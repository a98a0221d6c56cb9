using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Routing.Data.Migrations
{
    /// <inheritdoc />
    public partial class EscalateOnSlaBreach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "EscalateOnSlaBreach",
                table: "groups",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EscalateOnSlaBreach",
                table: "groups");
        }
    }
}
