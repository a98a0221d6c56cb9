using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class TicketAttributesOnSpansAndComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Ticket_AssigneeId",
                table: "ticket_unsolved_spans",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ticket_Category",
                table: "ticket_unsolved_spans",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ticket_Channel",
                table: "ticket_unsolved_spans",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Ticket_GroupId",
                table: "ticket_unsolved_spans",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Ticket_OrganizationId",
                table: "ticket_unsolved_spans",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ticket_Priority",
                table: "ticket_unsolved_spans",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Ticket_AssigneeId",
                table: "comment_sentiments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ticket_Category",
                table: "comment_sentiments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ticket_Channel",
                table: "comment_sentiments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Ticket_GroupId",
                table: "comment_sentiments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Ticket_OrganizationId",
                table: "comment_sentiments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ticket_Priority",
                table: "comment_sentiments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Read models built before this migration get their tickets' attributes copied once.
            foreach (var table in new[] { "ticket_unsolved_spans", "comment_sentiments" })
                migrationBuilder.Sql($"""
                    UPDATE {table} AS x SET "Ticket_Channel" = t."Channel", "Ticket_Priority" = t."Priority", "Ticket_Category" = t."Category",
                        "Ticket_GroupId" = t."GroupId", "Ticket_AssigneeId" = t."AssigneeId", "Ticket_OrganizationId" = t."OrganizationId"
                    FROM ticket_metrics AS t WHERE t."TicketId" = x."TicketId";
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Ticket_AssigneeId",
                table: "ticket_unsolved_spans");

            migrationBuilder.DropColumn(
                name: "Ticket_Category",
                table: "ticket_unsolved_spans");

            migrationBuilder.DropColumn(
                name: "Ticket_Channel",
                table: "ticket_unsolved_spans");

            migrationBuilder.DropColumn(
                name: "Ticket_GroupId",
                table: "ticket_unsolved_spans");

            migrationBuilder.DropColumn(
                name: "Ticket_OrganizationId",
                table: "ticket_unsolved_spans");

            migrationBuilder.DropColumn(
                name: "Ticket_Priority",
                table: "ticket_unsolved_spans");

            migrationBuilder.DropColumn(
                name: "Ticket_AssigneeId",
                table: "comment_sentiments");

            migrationBuilder.DropColumn(
                name: "Ticket_Category",
                table: "comment_sentiments");

            migrationBuilder.DropColumn(
                name: "Ticket_Channel",
                table: "comment_sentiments");

            migrationBuilder.DropColumn(
                name: "Ticket_GroupId",
                table: "comment_sentiments");

            migrationBuilder.DropColumn(
                name: "Ticket_OrganizationId",
                table: "comment_sentiments");

            migrationBuilder.DropColumn(
                name: "Ticket_Priority",
                table: "comment_sentiments");
        }
    }
}
