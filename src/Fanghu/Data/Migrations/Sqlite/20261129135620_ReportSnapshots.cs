using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fanghu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    PrefectureCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    TownshipCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    PeriodKind = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Variant = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReportJson = table.Column<string>(type: "TEXT", nullable: false),
                    ChildrenJson = table.Column<string>(type: "TEXT", nullable: true),
                    FrozenById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    FrozenByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FrozenByRole = table.Column<int>(type: "INTEGER", nullable: false),
                    FrozenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportSnapshots_CountyCode",
                table: "ReportSnapshots",
                column: "CountyCode");

            migrationBuilder.CreateIndex(
                name: "IX_ReportSnapshots_Kind_DivisionCode_PeriodKind_PeriodEnd_Variant_Version",
                table: "ReportSnapshots",
                columns: new[] { "Kind", "DivisionCode", "PeriodKind", "PeriodEnd", "Variant", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportSnapshots_TownshipCode",
                table: "ReportSnapshots",
                column: "TownshipCode");

            // A frozen report is never changed or removed, not even by hand-written SQL (ADR 0011).
            migrationBuilder.Sql("""
                CREATE TRIGGER "ReportSnapshots_NoUpdate" BEFORE UPDATE ON "ReportSnapshots"
                BEGIN SELECT RAISE(ABORT, '冻结的报表不能修改或删除'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ReportSnapshots_NoDelete" BEFORE DELETE ON "ReportSnapshots"
                BEGIN SELECT RAISE(ABORT, '冻结的报表不能修改或删除'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "ReportSnapshots_NoUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "ReportSnapshots_NoDelete";""");
            migrationBuilder.DropTable(
                name: "ReportSnapshots");
        }
    }
}
