using DuckDB.NET.Data;

namespace Fanghu.Bench;

/// <summary>
/// The medical default rule as SQL in DuckDB (in memory, its default threads) over the same CSV files:
/// the reference the issue asks Fanghu to be no slower than. It reads the persons template itself, as
/// Fanghu reads its registry from the database.
/// </summary>
internal static class DuckDbScreening
{
    public static long CountMedicalHits(string personsCsv, string medicalCsv)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Sql(personsCsv, medicalCsv);
        command.ExecuteNonQuery();
        command.CommandText = "SELECT count(*) FROM hits";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>
    /// 户类型 is on the head's row only, so a person's household type comes through 户编号. Every column is
    /// read as text and converted where used: amounts may carry thousands separators ("1,234.50"), which
    /// the sniffer would otherwise type as text or reject. The hits are materialised, as warnings are written.
    /// </summary>
    public static string Sql(string personsCsv, string medicalCsv) => $"""
        CREATE TABLE hits AS
        WITH persons AS (
            SELECT "户编号" AS household, "证件号码" AS id, "户类型" AS type
            FROM read_csv({Literal(personsCsv)}, header = true, all_varchar = true)),
        households AS (
            SELECT household, max(type) AS type FROM persons WHERE type IS NOT NULL AND type <> '' GROUP BY household),
        registry AS (
            SELECT p.id, h.type FROM persons p JOIN households h USING (household)),
        settlements AS (
            SELECT "证件号码" AS id,
                   year(CAST("结算日期" AS DATE)) AS year,
                   CAST(replace("个人自付", ',', '') AS DECIMAL(18, 2)) AS self_paid
            FROM read_csv({Literal(medicalCsv)}, header = true, all_varchar = true))
        SELECT s.id, s.year, sum(s.self_paid) AS self_paid, any_value(r.type) AS type
        FROM settlements s JOIN registry r ON s.id = r.id
        GROUP BY s.id, s.year
        HAVING sum(s.self_paid) >= CASE WHEN any_value(r.type) = '脱贫户' THEN 5000.00 ELSE 20000.00 END
        """;

    private static string Literal(string path) => "'" + path.Replace("'", "''") + "'";
}
