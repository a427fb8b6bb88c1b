using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fanghu.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    PrefectureCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    TownshipCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    PeriodKind = table.Column<int>(type: "integer", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Variant = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReportJson = table.Column<string>(type: "text", nullable: false),
                    ChildrenJson = table.Column<string>(type: "text", nullable: true),
                    FrozenById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    FrozenByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FrozenByRole = table.Column<int>(type: "integer", nullable: false),
                    FrozenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                name: "IX_ReportSnapshots_Kind_DivisionCode_PeriodKind_PeriodEnd_Vari~",
                table: "ReportSnapshots",
                columns: new[] { "Kind", "DivisionCode", "PeriodKind", "PeriodEnd", "Variant", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportSnapshots_TownshipCode",
                table: "ReportSnapshots",
                column: "TownshipCode");

            // A frozen report is never changed or removed, not even by hand-written SQL (ADR 0011).
            migrationBuilder.Sql("""
                CREATE FUNCTION report_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '冻结的报表不能修改或删除'; END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ReportSnapshots_Immutable" BEFORE UPDATE OR DELETE ON "ReportSnapshots"
                FOR EACH ROW EXECUTE FUNCTION report_snapshots_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "ReportSnapshots_Immutable" ON "ReportSnapshots";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS report_snapshots_immutable();");
            migrationBuilder.DropTable(
                name: "ReportSnapshots");
        }
    }
}
