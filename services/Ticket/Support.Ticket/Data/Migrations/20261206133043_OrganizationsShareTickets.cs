using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Ticket.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationsShareTickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SharesTickets",
                table: "organizations",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SharesTickets",
                table: "organizations");
        }
    }
}
