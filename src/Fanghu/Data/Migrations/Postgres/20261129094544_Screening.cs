using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fanghu.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Dataset = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DefinitionJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Dataset = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    StartedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Department = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastProgressAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RowsRead = table.Column<long>(type: "bigint", nullable: false),
                    RowsMatched = table.Column<long>(type: "bigint", nullable: false),
                    RowsUnmatched = table.Column<long>(type: "bigint", nullable: false),
                    ErrorCount = table.Column<int>(type: "integer", nullable: false),
                    Hits = table.Column<int>(type: "integer", nullable: false),
                    NewWarnings = table.Column<int>(type: "integer", nullable: false),
                    AlreadyKnown = table.Column<int>(type: "integer", nullable: false),
                    NewLeads = table.Column<int>(type: "integer", nullable: false),
                    OpenedCases = table.Column<int>(type: "integer", nullable: false),
                    RuleVersions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningWarnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    RuleId = table.Column<long>(type: "bigint", nullable: false),
                    RuleKey = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    RuleVersion = table.Column<int>(type: "integer", nullable: false),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: true),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Threshold = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    SourceRows = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SourceFile = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SourceKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeadId = table.Column<long>(type: "bigint", nullable: true)
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
