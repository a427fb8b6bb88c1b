using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fanghu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MonitoringWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CountyApprovalDays",
                table: "PolicySets",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "ObjectionAnswerDays",
                table: "PolicySets",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "TownshipReviewDays",
                table: "PolicySets",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "VerificationDays",
                table: "PolicySets",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "VillageReviewDays",
                table: "PolicySets",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "IdentifiedOn",
                table: "MonitoringCases",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AlterColumn<int>(
                name: "Category",
                table: "MonitoringCases",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "ClosingReason",
                table: "MonitoringCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConsentOn",
                table: "MonitoringCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EliminationProposedOn",
                table: "MonitoringCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EliminationSnapshot",
                table: "MonitoringCases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FastTrack",
                table: "MonitoringCases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "IdentificationDueOn",
                table: "MonitoringCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsReEntry",
                table: "MonitoringCases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "NoticeDays",
                table: "MonitoringCases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NoticeStartedOn",
                table: "MonitoringCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OpenedOn",
                table: "MonitoringCases",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "PausedDays",
                table: "MonitoringCases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PausedSince",
                table: "MonitoringCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Stage",
                table: "MonitoringCases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StageDueOn",
                table: "MonitoringCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StageEnteredOn",
                table: "MonitoringCases",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "VerifiedOn",
                table: "MonitoringCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "MonitoringCases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Cases written before the workflow existed were migrated monitoring objects: identified, perhaps eliminated.
            migrationBuilder.Sql("UPDATE \"MonitoringCases\" SET \"Stage\" = CASE WHEN \"EliminatedOn\" IS NULL THEN 6 ELSE 12 END, \"OpenedOn\" = \"IdentifiedOn\", \"StageEnteredOn\" = COALESCE(\"EliminatedOn\", \"IdentifiedOn\")");

            migrationBuilder.CreateTable(
                name: "CaseSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActorRole = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<int>(type: "integer", nullable: false),
                    To = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Attendees = table.Column<int>(type: "integer", nullable: true),
                    VotesFor = table.Column<int>(type: "integer", nullable: true),
                    VotesAgainst = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSteps_MonitoringCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "MonitoringCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncomeAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Months = table.Column<int>(type: "integer", nullable: false),
                    NetIncome = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    HouseholdSize = table.Column<int>(type: "integer", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncomeAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncomeAssessments_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Leads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RiskTypeCodes = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reporter = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EstimatedIncome12Months = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    SourceKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Leads_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Leads_MonitoringCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "MonitoringCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Measures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HouseholdId = table.Column<long>(type: "bigint", nullable: false),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ResponsibleUnit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Effect = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Measures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Measures_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Measures_MonitoringCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "MonitoringCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Objections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Content = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Response = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Upheld = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Objections_MonitoringCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "MonitoringCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonitoringCases_Stage_StageDueOn",
                table: "MonitoringCases",
                columns: new[] { "Stage", "StageDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSteps_CaseId_RecordedAt",
                table: "CaseSteps",
                columns: new[] { "CaseId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IncomeAssessments_HouseholdId_AssessedOn",
                table: "IncomeAssessments",
                columns: new[] { "HouseholdId", "AssessedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CaseId",
                table: "Leads",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_HouseholdId_SourceKey",
                table: "Leads",
                columns: new[] { "HouseholdId", "SourceKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Measures_CaseId",
                table: "Measures",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Measures_HouseholdId",
                table: "Measures",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Objections_CaseId",
                table: "Objections",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseSteps");

            migrationBuilder.DropTable(
                name: "IncomeAssessments");

            migrationBuilder.DropTable(
                name: "Leads");

            migrationBuilder.DropTable(
                name: "Measures");

            migrationBuilder.DropTable(
                name: "Objections");

            migrationBuilder.DropIndex(
                name: "IX_MonitoringCases_Stage_StageDueOn",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "CountyApprovalDays",
                table: "PolicySets");

            migrationBuilder.DropColumn(
                name: "ObjectionAnswerDays",
                table: "PolicySets");

            migrationBuilder.DropColumn(
                name: "TownshipReviewDays",
                table: "PolicySets");

            migrationBuilder.DropColumn(
                name: "VerificationDays",
                table: "PolicySets");

            migrationBuilder.DropColumn(
                name: "VillageReviewDays",
                table: "PolicySets");

            migrationBuilder.DropColumn(
                name: "ClosingReason",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "ConsentOn",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "EliminationProposedOn",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "EliminationSnapshot",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "FastTrack",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "IdentificationDueOn",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "IsReEntry",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "NoticeDays",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "NoticeStartedOn",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "OpenedOn",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "PausedDays",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "PausedSince",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "StageDueOn",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "StageEnteredOn",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "VerifiedOn",
                table: "MonitoringCases");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "MonitoringCases");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "IdentifiedOn",
                table: "MonitoringCases",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "Category",
                table: "MonitoringCases",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
