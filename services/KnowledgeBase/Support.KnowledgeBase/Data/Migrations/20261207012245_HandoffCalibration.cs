using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Support.KnowledgeBase.Data.Migrations
{
    /// <inheritdoc />
    public partial class HandoffCalibration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AnswerProbability",
                table: "answers",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "Evidence",
                table: "answers",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "handoff_calibrations",
                columns: table => new
                {
                    Version = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LabelledQuestions = table.Column<int>(type: "integer", nullable: false),
                    FeedbackAnswers = table.Column<int>(type: "integer", nullable: false),
                    AnsweredHandedOff = table.Column<double>(type: "double precision", nullable: false),
                    UnansweredHandedOff = table.Column<double>(type: "double precision", nullable: false),
                    Model = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handoff_calibrations", x => x.Version);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "handoff_calibrations");

            migrationBuilder.DropColumn(
                name: "AnswerProbability",
                table: "answers");

            migrationBuilder.DropColumn(
                name: "Evidence",
                table: "answers");
        }
    }
}
