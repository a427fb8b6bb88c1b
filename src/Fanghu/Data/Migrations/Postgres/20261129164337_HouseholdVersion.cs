using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fanghu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HouseholdVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Households",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Households");
        }
    }
}
