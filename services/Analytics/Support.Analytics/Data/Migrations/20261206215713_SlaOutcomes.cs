using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlaOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sla_outcomes",
                columns: table => new
                {
                    TicketId = table.Column<int>(type: "integer", nullable: false),
                    Metric = table.Column<string>(type: "text", nullable: false),
                    Breached = table.Column<bool>(type: "boolean", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PolicyId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_outcomes", x => new { x.TicketId, x.Metric, x.At, x.Breached });
                });

            migrationBuilder.CreateIndex(
                name: "IX_sla_outcomes_At",
                table: "sla_outcomes",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sla_outcomes");
        }
    }
}
