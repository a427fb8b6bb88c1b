using System.Text;

namespace Fanghu.Reports;

/// <summary>
/// The triggers that note which units' records changed (<see cref="FigureChange"/>), whatever writes them: EF, the bulk
/// inserts of imports and screening, COPY, SQL by hand. Written by the migration <c>DashboardFigures</c> of each
/// provider. This is that migration's SQL: change it only through a new migration.
/// <para>
/// SQLite has row triggers only: one small insert per written row, skipped when the unit is already noted (one writer at
/// a time, so no race). PostgreSQL gets statement triggers with transition tables: one INSERT … SELECT DISTINCT per
/// statement, so a COPY of a million persons notes each village once; notes are appended without a unique key, so
/// concurrent writers never wait on each other's notes.
/// <para>The migration DashboardFigures runs this version of the SQL: keep it as it is, and write a change as a new
/// migration with its own SQL.</para>
/// </para>
/// </summary>
public static class FigureTriggers
{
    /// <summary>
    /// A table, the SQL that finds the unit of one row in a SQLite row trigger (<c>{row}</c> is NEW or OLD), and the SQL
    /// that finds the units of a transition table's rows (<c>{rows}</c>) in a PostgreSQL statement trigger.
    /// </summary>
    private sealed record Source(string Table, string UnitOfRowSql, string UnitsOfRowsSql);

    private static readonly Source[] Sources =
    [
        .. new[] { "Persons", "Incomes", "GuaranteeChecks", "MonitoringCases", "Measures" }.Select(t => new Source(t,
            """SELECT "VillageCode" AS u FROM "Households" WHERE "Id" = {row}."HouseholdId" """,
            """SELECT h."VillageCode" AS u FROM {rows} r JOIN "Households" h ON h."Id" = r."HouseholdId" """)),
        new("Households", """SELECT {row}."VillageCode" AS u""", """SELECT r."VillageCode" AS u FROM {rows} r """),
        new("Applications",
            """SELECT COALESCE({row}."VillageCode", {row}."TownshipCode", {row}."CountyCode") AS u""",
            """SELECT COALESCE(r."VillageCode", r."TownshipCode", r."CountyCode") AS u FROM {rows} r """),
        new("ApplicationSteps",
            """SELECT COALESCE("VillageCode", "TownshipCode", "CountyCode") AS u FROM "Applications" WHERE "Id" = {row}."ApplicationId" """,
            """SELECT COALESCE(a."VillageCode", a."TownshipCode", a."CountyCode") AS u FROM {rows} r JOIN "Applications" a ON a."Id" = r."ApplicationId" """),
    ];

    /// <summary>The tables with triggers (EF must not use RETURNING on them with SQLite).</summary>
    public static IEnumerable<string> Tables => Sources.Select(s => s.Table);

    public static string CreateSqlite()
    {
        var sql = new StringBuilder();
        foreach (var s in Sources)
            foreach (var (op, rows) in new[] { ("INSERT", new[] { "NEW" }), ("UPDATE", ["NEW", "OLD"]), ("DELETE", ["OLD"]) })
            {
                sql.Append($"""CREATE TRIGGER "{s.Table}_figures_{op.ToLowerInvariant()}" AFTER {op} ON "{s.Table}" BEGIN""").Append('\n');
                foreach (var row in rows)
                    sql.Append($"""    INSERT INTO "FigureChanges" ("UnitCode") SELECT x.u FROM ({s.UnitOfRowSql.Replace("{row}", row, StringComparison.Ordinal)}) AS x WHERE x.u IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "FigureChanges" c WHERE c."UnitCode" = x.u);""").Append('\n');
                sql.Append("END;\n");
            }
        return sql.ToString();
    }

    public static string DropSqlite() => string.Concat(Sources.SelectMany(s => new[] { "insert", "update", "delete" }
        .Select(op => $"""DROP TRIGGER IF EXISTS "{s.Table}_figures_{op}";""" + "\n")));

    public static string CreatePostgres()
    {
        var sql = new StringBuilder();
        foreach (var s in Sources)
        {
            var name = s.Table.ToLowerInvariant();
            string Insert(string rows) =>
                $"""    INSERT INTO "FigureChanges" ("UnitCode") SELECT DISTINCT x.u FROM ({s.UnitsOfRowsSql.Replace("{rows}", rows, StringComparison.Ordinal)}) AS x WHERE x.u IS NOT NULL;""";
            foreach (var (op, tables) in new[] { ("insert", new[] { "new_rows" }), ("update", ["new_rows", "old_rows"]), ("delete", ["old_rows"]) })
            {
                sql.Append($"CREATE FUNCTION figures_{name}_{op}() RETURNS trigger LANGUAGE plpgsql AS $f$\nBEGIN\n");
                foreach (var t in tables) sql.Append(Insert(t)).Append('\n');
                sql.Append("    RETURN NULL;\nEND\n$f$;\n");
                var referencing = op switch
                {
                    "insert" => "NEW TABLE AS new_rows",
                    "update" => "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                    _ => "OLD TABLE AS old_rows",
                };
                sql.Append($"""CREATE TRIGGER figures_{op} AFTER {op.ToUpperInvariant()} ON "{s.Table}" REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION figures_{name}_{op}();""").Append('\n');
            }
        }
        return sql.ToString();
    }

    public static string DropPostgres() => string.Concat(Sources.SelectMany(s => new[] { "insert", "update", "delete" }
        .Select(op => $"""DROP TRIGGER IF EXISTS figures_{op} ON "{s.Table}"; DROP FUNCTION IF EXISTS figures_{s.Table.ToLowerInvariant()}_{op}();""" + "\n")));
}
