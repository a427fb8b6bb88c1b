using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Data;

/// <summary>
/// A consistent copy of the SQLite database taken while the app runs (<c>fanghu backup</c>, ADR 0013).
/// <c>VACUUM INTO</c> reads the whole database inside one read transaction, so the copy is the last committed
/// state at its start — a writer's open transaction is neither waited for nor copied — and the file it writes is
/// compact (no free pages, no WAL beside it). The copy is written next to the target under a temporary name,
/// checked, and only then moved into place, so a failed backup never replaces a good one.
/// </summary>
public sealed class SqliteBackup
{
    public sealed record Request(DatabaseSettings Source, string Target, bool Overwrite);

    public enum Outcome { Copied, TargetExists, SourceMissing, NotSqlite, CopyDamaged }

    /// <summary>What the check of the copy found: <c>PRAGMA integrity_check</c>'s answer and a few tables' counts.</summary>
    public sealed record Result(Outcome Outcome, string Target, long Bytes, string IntegrityCheck, IReadOnlyList<(string Table, int Rows)> Counts);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(request.Target);
        if (request.Source.Provider != DatabaseProvider.Sqlite) return Refused(Outcome.NotSqlite, target);
        var source = new SqliteConnectionStringBuilder(request.Source.ConnectionString);
        // Opening a missing file would create an empty database and "back it up".
        if (!File.Exists(source.DataSource)) return Refused(Outcome.SourceMissing, target);
        if (File.Exists(target) && !request.Overwrite) return Refused(Outcome.TargetExists, target);

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            source.Mode = SqliteOpenMode.ReadOnly;
            source.Pooling = false;
            await using (var connection = new SqliteConnection(source.ConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $target";
                vacuum.Parameters.AddWithValue("$target", partial);
                // A busy writer holds no lock that stops a reader in WAL mode, but a checkpoint may briefly.
                vacuum.CommandTimeout = 300;
                await vacuum.ExecuteNonQueryAsync(ct);
            }

            var (check, counts) = await CheckAsync(partial, ct);
            if (check != "ok") return new Result(Outcome.CopyDamaged, target, 0, check, counts);
            File.Move(partial, target, overwrite: request.Overwrite);
            return new Result(Outcome.Copied, target, new FileInfo(target).Length, check, counts);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static Result Refused(Outcome outcome, string target) => new(outcome, target, 0, "", []);

    /// <summary>Checks the copy page by page, then reads it through the model, as a restore would.</summary>
    private static async Task<(string Check, IReadOnlyList<(string, int)> Counts)> CheckAsync(string file, CancellationToken ct)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;
        var lines = new List<string>();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
        }
        var check = string.Join("\n", lines);
        if (check != "ok") return (check, []);
        await using var db = DataServices.CreateContext(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString));
        return (check,
        [
            ("Divisions", await db.Divisions.CountAsync(ct)),
            ("Households", await db.Households.CountAsync(ct)),
            ("Persons", await db.Persons.CountAsync(ct)),
            ("MonitoringCases", await db.MonitoringCases.CountAsync(ct)),
            ("Applications", await db.Applications.CountAsync(ct)),
            ("AspNetUsers", await db.Users.CountAsync(ct)),
        ]);
    }
}
