using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Support.KnowledgeBase.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnswerAskers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CustomerId",
                table: "answers",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_answers_CustomerId",
                table: "answers",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_answers_CustomerId",
                table: "answers");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "answers");
        }
    }
}
