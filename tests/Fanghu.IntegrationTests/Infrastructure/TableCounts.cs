using System.Data.Common;
using Fanghu.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>
/// The row count of every table of the model, read in one query: equal snapshots before and after a refused file
/// show that nothing of it was written.
/// </summary>
public static class TableCounts
{
    public static async Task<SortedDictionary<string, long>> ReadAsync(FanghuDbContext db)
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order().ToList();
        var sql = string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t}', COUNT(*) FROM \"{t}\""));
        return await QueryAsync(db, sql);
    }

    /// <summary>
    /// Text values PostgreSQL would refuse, as "table.column": longer than their column allows, or holding a NUL. SQLite
    /// stores them anyway, PostgreSQL fails the whole write — so on SQLite this finds what would fail there.
    /// </summary>
    public static async Task<List<string>> UnstorableAsync(FanghuDbContext db)
    {
        var checks = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table || entity.IsMappedToJson()) continue;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var p in entity.GetProperties())
            {
                if (p.ClrType != typeof(string) || p.GetColumnName(store) is not { } column) continue;
                // As a blob, so that the search does not stop at the NUL it looks for.
                var tooLong = p.GetMaxLength() is { } max ? $"LENGTH(\"{column}\") > {max} OR " : "";
                checks.Add($"SELECT '{table}.{column}', COUNT(*) FROM \"{table}\" WHERE {tooLong}INSTR(CAST(\"{column}\" AS BLOB), x'00') > 0");
            }
        }
        if (checks.Count == 0) return [];
        var counts = await QueryAsync(db, string.Join(" UNION ALL ", checks));
        return [.. counts.Where(c => c.Value > 0).Select(c => $"{c.Key}（{c.Value} 行）")];
    }

    private static async Task<SortedDictionary<string, long>> QueryAsync(FanghuDbContext db, string sql)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                result[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
    }
}
