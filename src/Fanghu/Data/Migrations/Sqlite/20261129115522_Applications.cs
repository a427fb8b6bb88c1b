using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fanghu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Applications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExternalNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OnBehalf = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequesterName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    TownshipCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    CountyCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    PrefectureCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LeadDepartment = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CoDepartments = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    HandlingDivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reopened = table.Column<int>(type: "INTEGER", nullable: false),
                    LeadId = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActorRole = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationSteps_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CountyCode_FiledOn",
                table: "Applications",
                columns: new[] { "CountyCode", "FiledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ExternalNumber",
                table: "Applications",
                column: "ExternalNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_IdNumber",
                table: "Applications",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Phone_FiledAt",
                table: "Applications",
                columns: new[] { "Phone", "FiledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_TownshipCode",
                table: "Applications",
                column: "TownshipCode");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_TrackingCode",
                table: "Applications",
                column: "TrackingCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_VillageCode",
                table: "Applications",
                column: "VillageCode");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationSteps_ApplicationId_At",
                table: "ApplicationSteps",
                columns: new[] { "ApplicationId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationSteps");

            migrationBuilder.DropTable(
                name: "Applications");
        }
    }
}
