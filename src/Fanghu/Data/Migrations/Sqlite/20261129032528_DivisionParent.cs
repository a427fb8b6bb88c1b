using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fanghu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DivisionParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_Divisions_Divisions_ParentCode",
                table: "Divisions",
                column: "ParentCode",
                principalTable: "Divisions",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Divisions_Divisions_ParentCode",
                table: "Divisions");
        }
    }
}
