using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fanghu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScreeningRunScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ErrorsJson",
                table: "ScreeningRuns",
                type: "TEXT",
                maxLength: 60000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScopeCode",
                table: "ScreeningRuns",
                type: "TEXT",
                maxLength: 12,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ErrorsJson",
                table: "ScreeningRuns");

            migrationBuilder.DropColumn(
                name: "ScopeCode",
                table: "ScreeningRuns");
        }
    }
}
