using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Ticket.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlaDue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SlaDueAt",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SlaDueChangedAt",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_tickets_SlaDueAt_Id",
                table: "tickets",
                columns: new[] { "SlaDueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tickets_SlaDueAt_Id",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "SlaDueAt",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "SlaDueChangedAt",
                table: "tickets");
        }
    }
}
