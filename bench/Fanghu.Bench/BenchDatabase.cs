using System.Text;
using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Bench;

/// <summary>A fresh benchmark database: migrated, with the divisions of the generated villages.</summary>
internal static class BenchDatabase
{
    public static string NewSqliteFile() => Path.Combine(Path.GetTempPath(), $"fanghu-bench-{Guid.NewGuid():N}.db");

    /// <summary>
    /// Creates the database (a new SQLite file, or the PostgreSQL database named in the settings, which it
    /// empties first) and imports the divisions of <see cref="PersonsGenerator.Villages"/> villages.
    /// </summary>
    public static async Task CreateAsync(DatabaseSettings settings)
    {
        await using var db = DataServices.CreateContext(settings, DataScope.All);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            // The benchmark starts from an empty database and drops the one it is given: only a bench database.
            if (db.Database.GetDbConnection().Database?.Contains("bench", StringComparison.OrdinalIgnoreCase) != true)
                throw new InvalidOperationException("The PostgreSQL database for the benchmark must have 'bench' in its name; it is dropped.");
            await db.Database.EnsureDeletedAsync();
        }
        await DatabaseMigrator.MigrateAsync(db);
        var divisions = new StringBuilder("代码,名称,上级代码\n53,云南省,\n5334,迪庆州,53\n533401,香格里拉市,5334\n");
        for (var t = 0; t < PersonsGenerator.Villages / 20; t++) divisions.Append($"533401{100 + t:000},镇{t},533401\n");
        for (var v = 0; v < PersonsGenerator.Villages; v++) divisions.Append($"{PersonsGenerator.VillageCode(v)},村{v},{PersonsGenerator.VillageCode(v)[..9]}\n");
        var divisionsFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(divisionsFile, divisions.ToString());
        var d = await new ImportRunner(db).RunAsync(ImportKind.Divisions, divisionsFile, new ImportOptions());
        File.Delete(divisionsFile);
        if (d.Outcome != ImportOutcome.Imported) throw new InvalidOperationException(string.Join("\n", d.Errors));
    }

    public static async Task ImportPersonsAsync(DatabaseSettings settings, string file)
    {
        await using var db = DataServices.CreateContext(settings, DataScope.All);
        var report = await new ImportRunner(db).RunAsync(ImportKind.Persons, file, new ImportOptions());
        if (report.Outcome != ImportOutcome.Imported)
            throw new InvalidOperationException(string.Join("\n", report.Errors.Take(20)));
    }

    /// <summary>
    /// Copies a closed SQLite database (with its WAL, if any) so every screening run starts from the same
    /// registry and no run sees the warnings and leads of another.
    /// </summary>
    public static string CopySqlite(string file)
    {
        SqliteConnection.ClearAllPools();
        var copy = NewSqliteFile();
        File.Copy(file, copy);
        foreach (var suffix in new[] { "-wal", "-shm" })
            if (File.Exists(file + suffix)) File.Copy(file + suffix, copy + suffix);
        return copy;
    }

    public static void DeleteSqlite(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(file + suffix)) File.Delete(file + suffix);
    }
}
