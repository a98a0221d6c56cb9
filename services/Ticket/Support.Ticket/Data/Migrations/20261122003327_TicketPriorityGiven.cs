using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Ticket.Data.Migrations
{
    /// <inheritdoc />
    public partial class TicketPriorityGiven : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PriorityGiven",
                table: "tickets",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PriorityGiven",
                table: "tickets");
        }
    }
}
