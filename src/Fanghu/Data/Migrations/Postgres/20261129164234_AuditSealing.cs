using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fanghu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditSealing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "AuditTrail",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "AuditTrail",
                type: "bigint",
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

            // Entries written so far were chained by their id: their place in the chain is that id, and new ids follow the
            // last one. The trigger now lets the sealer fill in the whole chain of an unsealed entry — the next place, the
            // previous hash and its hash, all three — and nothing else; and an entry can only be written unsealed.
            migrationBuilder.Sql("""
                SELECT setval(pg_get_serial_sequence('"AuditTrail"', 'Id'), COALESCE((SELECT MAX("Id") FROM "AuditTrail"), 0) + 1, false);
                ALTER TABLE "AuditTrail" DISABLE TRIGGER audit_trail_no_change;
                UPDATE "AuditTrail" SET "Seq" = "Id";
                ALTER TABLE "AuditTrail" ENABLE TRIGGER audit_trail_no_change;
                CREATE OR REPLACE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                    IF TG_OP = 'INSERT' AND NEW."Seq" IS NULL AND NEW."Hash" = '' AND NEW."PreviousHash" = '' THEN
                        RETURN NEW;
                    END IF;
                    IF TG_OP = 'UPDATE' AND OLD."Hash" = '' AND NEW."Hash" <> '' AND NEW."PreviousHash" <> ''
                       AND NEW."Seq" = (SELECT COALESCE(MAX("Seq"), 0) + 1 FROM "AuditTrail")
                       AND to_jsonb(NEW) - 'Seq' - 'PreviousHash' - 'Hash' = to_jsonb(OLD) - 'Seq' - 'PreviousHash' - 'Hash' THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
                END
                $f$;
                CREATE TRIGGER audit_trail_insert_unsealed BEFORE INSERT ON "AuditTrail" FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_trail_insert_unsealed ON "AuditTrail";
                CREATE OR REPLACE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                    RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
                END
                $f$;
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

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "AuditTrail",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .OldAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
        }
    }
}
