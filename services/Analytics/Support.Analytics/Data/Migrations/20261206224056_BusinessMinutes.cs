using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class BusinessMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "FirstReplyBusinessMinutes",
                table: "ticket_metrics",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FirstResolutionBusinessMinutes",
                table: "ticket_metrics",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FullResolutionBusinessMinutes",
                table: "ticket_metrics",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RequesterWaitBusinessMinutes",
                table: "ticket_metrics",
                type: "double precision",
                nullable: true);

            // No schedule is copied yet: every ticket's business minutes are its calendar minutes, until a schedule arrives.
            migrationBuilder.Sql("""
                UPDATE ticket_metrics SET "FirstReplyBusinessMinutes" = "FirstReplyMinutes", "FirstResolutionBusinessMinutes" = "FirstResolutionMinutes",
                    "FullResolutionBusinessMinutes" = "FullResolutionMinutes", "RequesterWaitBusinessMinutes" = "RequesterWaitMinutes"
                """);

            migrationBuilder.CreateTable(
                name: "business_schedules",
                columns: table => new
                {
                    ScheduleId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    Hours = table.Column<string>(type: "text", nullable: false),
                    Holidays = table.Column<string>(type: "text", nullable: false),
                    GroupIds = table.Column<List<int>>(type: "integer[]", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_business_schedules", x => x.ScheduleId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_schedules");

            migrationBuilder.DropColumn(
                name: "FirstReplyBusinessMinutes",
                table: "ticket_metrics");

            migrationBuilder.DropColumn(
                name: "FirstResolutionBusinessMinutes",
                table: "ticket_metrics");

            migrationBuilder.DropColumn(
                name: "FullResolutionBusinessMinutes",
                table: "ticket_metrics");

            migrationBuilder.DropColumn(
                name: "RequesterWaitBusinessMinutes",
                table: "ticket_metrics");
        }
    }
}
