using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fanghu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScreeningRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Dataset = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Dataset = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastProgressAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsRead = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsMatched = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsUnmatched = table.Column<long>(type: "INTEGER", nullable: false),
                    ErrorCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Hits = table.Column<int>(type: "INTEGER", nullable: false),
                    NewWarnings = table.Column<int>(type: "INTEGER", nullable: false),
                    AlreadyKnown = table.Column<int>(type: "INTEGER", nullable: false),
                    NewLeads = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedCases = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleVersions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningWarnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    RuleVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    Threshold = table.Column<double>(type: "REAL", nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceRows = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SourceFile = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LeadId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningWarnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScreeningWarnings_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScreeningWarnings_ScreeningRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "ScreeningRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScreeningWarnings_ScreeningRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "ScreeningRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningRules_Dataset_Status",
                table: "ScreeningRules",
                columns: new[] { "Dataset", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningRules_Key_Version",
                table: "ScreeningRules",
                columns: new[] { "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningRuns_Dataset_StartedAt",
                table: "ScreeningRuns",
                columns: new[] { "Dataset", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningWarnings_HouseholdId_SourceKey",
                table: "ScreeningWarnings",
                columns: new[] { "HouseholdId", "SourceKey" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningWarnings_LeadId",
                table: "ScreeningWarnings",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningWarnings_RuleId",
                table: "ScreeningWarnings",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningWarnings_RunId",
                table: "ScreeningWarnings",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScreeningWarnings");

            migrationBuilder.DropTable(
                name: "ScreeningRules");

            migrationBuilder.DropTable(
                name: "ScreeningRuns");
        }
    }
}
