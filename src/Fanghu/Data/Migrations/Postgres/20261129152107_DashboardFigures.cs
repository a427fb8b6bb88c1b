using System;
using Fanghu.Reports;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fanghu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DivisionFigures",
                columns: table => new
                {
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DivisionFigures", x => new { x.DivisionCode, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "FigureChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FigureUnits",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ComputedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureUnits", x => x.UnitCode);
                });

            migrationBuilder.CreateTable(
                name: "RiskGaps",
                columns: table => new
                {
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    HouseholdNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IdentifiedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    MissingRiskCodes = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskGaps", x => new { x.UnitCode, x.CaseId });
                });

            migrationBuilder.CreateTable(
                name: "UnitFigures",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitFigures", x => new { x.UnitCode, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_FigureChanges_UnitCode",
                table: "FigureChanges",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_RiskGaps_IdentifiedOn_CaseId",
                table: "RiskGaps",
                columns: new[] { "IdentifiedOn", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskGaps_UnitCode_IdentifiedOn",
                table: "RiskGaps",
                columns: new[] { "UnitCode", "IdentifiedOn" });

            // The triggers that note changed units for the dashboard's figures (ADR 0012).
            migrationBuilder.Sql(FigureTriggers.CreatePostgres());
            // Every existing village, township and county is counted at the first refresh.
            migrationBuilder.Sql("""INSERT INTO "FigureChanges" ("UnitCode") SELECT "Code" FROM "Divisions" WHERE "Level" >= 3;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FigureTriggers.DropPostgres());

            migrationBuilder.DropTable(
                name: "DivisionFigures");

            migrationBuilder.DropTable(
                name: "FigureChanges");

            migrationBuilder.DropTable(
                name: "FigureUnits");

            migrationBuilder.DropTable(
                name: "RiskGaps");

            migrationBuilder.DropTable(
                name: "UnitFigures");
        }
    }
}
