using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fanghu.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "ObjectionAnswerDays",
                table: "PolicySets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "TownshipReviewDays",
                table: "PolicySets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "VerificationDays",
                table: "PolicySets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "VillageReviewDays",
                table: "PolicySets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "IdentifiedOn",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<int>(
                name: "Category",
                table: "MonitoringCases",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "ClosingReason",
                table: "MonitoringCases",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConsentOn",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EliminationProposedOn",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EliminationSnapshot",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FastTrack",
                table: "MonitoringCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "IdentificationDueOn",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsReEntry",
                table: "MonitoringCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "NoticeDays",
                table: "MonitoringCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NoticeStartedOn",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OpenedOn",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "PausedDays",
                table: "MonitoringCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PausedSince",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Stage",
                table: "MonitoringCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StageDueOn",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StageEnteredOn",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "VerifiedOn",
                table: "MonitoringCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "MonitoringCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Cases written before the workflow existed were migrated monitoring objects: identified, perhaps eliminated.
            migrationBuilder.Sql("UPDATE \"MonitoringCases\" SET \"Stage\" = CASE WHEN \"EliminatedOn\" IS NULL THEN 6 ELSE 12 END, \"OpenedOn\" = \"IdentifiedOn\", \"StageEnteredOn\" = COALESCE(\"EliminatedOn\", \"IdentifiedOn\")");

            migrationBuilder.CreateTable(
                name: "CaseSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActorRole = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Attendees = table.Column<int>(type: "INTEGER", nullable: true),
                    VotesFor = table.Column<int>(type: "INTEGER", nullable: true),
                    VotesAgainst = table.Column<int>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Months = table.Column<int>(type: "INTEGER", nullable: false),
                    NetIncome = table.Column<double>(type: "REAL", nullable: false),
                    HouseholdSize = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RiskTypeCodes = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reporter = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EstimatedIncome12Months = table.Column<double>(type: "REAL", nullable: true),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ResponsibleUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Amount = table.Column<double>(type: "REAL", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Effect = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RaisedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Upheld = table.Column<bool>(type: "INTEGER", nullable: true)
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
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "Category",
                table: "MonitoringCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
