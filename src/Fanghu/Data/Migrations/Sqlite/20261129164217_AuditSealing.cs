using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fanghu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditSealing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "AuditTrail",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_Seq",
                table: "AuditTrail",
                column: "Seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrail_Unsealed",
                table: "AuditTrail",
                column: "Id",
                filter: "\"Hash\" = ''");

            // Entries written so far were chained by their id: their place in the chain is that id. The old trigger refused
            // every update; the new one lets the sealer fill in the whole chain of an unsealed entry (place, previous hash,
            // hash — all three) and nothing else, and an entry can only be written unsealed.
            // (The Id column is an INTEGER PRIMARY KEY: SQLite already gives the next id when none is written.)
            migrationBuilder.Sql("""
                DROP TRIGGER "AuditTrail_no_update";
                UPDATE "AuditTrail" SET "Seq" = "Id";
                CREATE TRIGGER "AuditTrail_no_update" BEFORE UPDATE ON "AuditTrail"
                WHEN OLD."Hash" <> '' OR NEW."Hash" = '' OR NEW."PreviousHash" = ''
                  OR NEW."Seq" IS NOT (SELECT COALESCE(MAX("Seq"), 0) + 1 FROM "AuditTrail")
                  OR NEW."Id" IS NOT OLD."Id" OR NEW."At" IS NOT OLD."At" OR NEW."UserId" IS NOT OLD."UserId"
                  OR NEW."UserName" IS NOT OLD."UserName" OR NEW."Role" IS NOT OLD."Role" OR NEW."Address" IS NOT OLD."Address"
                  OR NEW."Action" IS NOT OLD."Action" OR NEW."Entity" IS NOT OLD."Entity" OR NEW."EntityKey" IS NOT OLD."EntityKey"
                  OR NEW."HouseholdId" IS NOT OLD."HouseholdId" OR NEW."Before" IS NOT OLD."Before" OR NEW."After" IS NOT OLD."After"
                BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
                CREATE TRIGGER "AuditTrail_insert_unsealed" BEFORE INSERT ON "AuditTrail"
                WHEN NEW."Seq" IS NOT NULL OR NEW."Hash" <> '' OR NEW."PreviousHash" <> ''
                BEGIN SELECT RAISE(ABORT, '审计日志的新记录只能以未封存的状态写入'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "AuditTrail_insert_unsealed";
                DROP TRIGGER "AuditTrail_no_update";
                CREATE TRIGGER "AuditTrail_no_update" BEFORE UPDATE ON "AuditTrail" BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
                """);

            migrationBuilder.DropIndex(
                name: "IX_AuditTrail_Seq",
                table: "AuditTrail");

            migrationBuilder.DropIndex(
                name: "IX_AuditTrail_Unsealed",
                table: "AuditTrail");

            migrationBuilder.DropColumn(
                name: "Seq",
                table: "AuditTrail");

        }
    }
}
