using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fanghu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdNumberVarchar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
