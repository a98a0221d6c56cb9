using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Support.Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "comment_sentiments",
                columns: table => new
                {
                    TicketId = table.Column<int>(type: "integer", nullable: false),
                    CommentId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comment_sentiments", x => new { x.TicketId, x.CommentId });
                });

            migrationBuilder.CreateTable(
                name: "customer_status_spans",
                columns: table => new
                {
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_status_spans", x => new { x.CustomerId, x.From });
                });

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Stream = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Payload = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "kb_answers",
                columns: table => new
                {
                    AnswerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Locale = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Matched = table.Column<bool>(type: "boolean", nullable: false),
                    Deflected = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kb_answers", x => x.AnswerId);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageType = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Aggregate = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CorrelationId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "ticket_metrics",
                columns: table => new
                {
                    TicketId = table.Column<int>(type: "integer", nullable: false),
                    RequesterId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Priority = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GroupId = table.Column<int>(type: "integer", nullable: true),
                    AssigneeId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstReplyAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstSolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstReplyMinutes = table.Column<double>(type: "double precision", nullable: true),
                    FirstResolutionMinutes = table.Column<double>(type: "double precision", nullable: true),
                    FullResolutionMinutes = table.Column<double>(type: "double precision", nullable: true),
                    RequesterWaitMinutes = table.Column<double>(type: "double precision", nullable: true),
                    AgentWaitMinutes = table.Column<double>(type: "double precision", nullable: true),
                    OnHoldMinutes = table.Column<double>(type: "double precision", nullable: true),
                    Reopens = table.Column<int>(type: "integer", nullable: false),
                    AgentReplies = table.Column<int>(type: "integer", nullable: false),
                    OneTouch = table.Column<bool>(type: "boolean", nullable: true),
                    Satisfaction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Sentiment = table.Column<double>(type: "double precision", nullable: true),
                    CustomerComments = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_metrics", x => x.TicketId);
                });

            migrationBuilder.CreateTable(
                name: "ticket_unsolved_spans",
                columns: table => new
                {
                    TicketId = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_unsolved_spans", x => new { x.TicketId, x.From });
                });

            migrationBuilder.CreateIndex(
                name: "IX_comment_sentiments_At",
                table: "comment_sentiments",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_comment_sentiments_CustomerId",
                table: "comment_sentiments",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_events_MessageId",
                table: "events",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_Stream",
                table: "events",
                column: "Stream");

            migrationBuilder.CreateIndex(
                name: "IX_kb_answers_AskedAt",
                table: "kb_answers",
                column: "AskedAt");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_unpublished",
                table: "outbox_messages",
                column: "Sequence",
                filter: "\"PublishedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_unpublished_aggregate",
                table: "outbox_messages",
                columns: new[] { "Aggregate", "Sequence" },
                filter: "\"PublishedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_metrics_AssigneeId_Status",
                table: "ticket_metrics",
                columns: new[] { "AssigneeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_metrics_CreatedAt",
                table: "ticket_metrics",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_metrics_FirstReplyAt",
                table: "ticket_metrics",
                column: "FirstReplyAt");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_metrics_RatedAt",
                table: "ticket_metrics",
                column: "RatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_metrics_RequesterId",
                table: "ticket_metrics",
                column: "RequesterId");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_metrics_SolvedAt",
                table: "ticket_metrics",
                column: "SolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_unsolved_spans_To",
                table: "ticket_unsolved_spans",
                column: "To");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comment_sentiments");

            migrationBuilder.DropTable(
                name: "customer_status_spans");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "kb_answers");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "ticket_metrics");

            migrationBuilder.DropTable(
                name: "ticket_unsolved_spans");
        }
    }
}
