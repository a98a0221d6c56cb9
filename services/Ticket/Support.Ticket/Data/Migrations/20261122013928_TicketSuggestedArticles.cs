using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Ticket.Data.Migrations
{
    /// <inheritdoc />
    public partial class TicketSuggestedArticles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ArticlesSuggestedAt",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuggestedArticles",
                table: "tickets",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArticlesSuggestedAt",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "SuggestedArticles",
                table: "tickets");
        }
    }
}
