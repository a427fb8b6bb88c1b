using Fanghu.Data;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fanghu.IntegrationTests.Faults;

/// <summary>
/// Sees from outside, with no hook in the product, that another process is half-way through a write it has not
/// committed, and how much it has written so far. On SQLite the writer holds the write lock for its whole transaction
/// (a <c>BEGIN IMMEDIATE</c> with no busy wait is refused), and what it writes goes to the -wal file, which is emptied
/// before the writer starts. On PostgreSQL a backend of the database has a transaction id (it has written something
/// not yet committed) and the files of the tables it writes grow with the rows it adds.
/// </summary>
internal sealed class UncommittedWrite(TestDatabase database, params string[] tables)
{
    private long _baseline;

    private string SqliteFile => new SqliteConnectionStringBuilder(database.Settings.ConnectionString).DataSource;

    /// <summary>Before the writer starts: the -wal file emptied (SQLite), the tables' size noted (PostgreSQL).</summary>
    public async Task ResetAsync()
    {
        if (database.Settings.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new SqliteConnection(database.Settings.ConnectionString);
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
            _baseline = 0;
        }
        else
        {
            _baseline = (await PostgresAsync()).Size;
        }
    }

    /// <summary>The bytes written so far by an open, uncommitted write of another process; null when none is open.</summary>
    public async Task<long?> BytesAsync()
    {
        if (database.Settings.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new SqliteConnection(database.Settings.ConnectionString);
            await connection.OpenAsync();
            // Straight to SQLite, without Microsoft.Data.Sqlite's retry on a busy database: refused at once means locked.
            var handle = connection.Handle!;
            SQLitePCL.raw.sqlite3_busy_timeout(handle, 0);
            var rc = SQLitePCL.raw.sqlite3_exec(handle, "BEGIN IMMEDIATE");
            if (rc == SQLitePCL.raw.SQLITE_OK)
            {
                SQLitePCL.raw.sqlite3_exec(handle, "ROLLBACK");
                return null;
            }
            Assert.Equal(SQLitePCL.raw.SQLITE_BUSY, rc);
            var wal = new FileInfo(SqliteFile + "-wal");
            return wal.Exists ? wal.Length : 0;
        }
        var (writers, size) = await PostgresAsync();
        return writers > 0 ? size - _baseline : null;
    }

    private async Task<(long Writers, long Size)> PostgresAsync()
    {
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() " +
            "AND backend_xid IS NOT NULL), " + string.Join(" + ", tables.Select(t => $"pg_total_relation_size('\"{t}\"')")), connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The database opened again after the kill, as the app does on start: SQLite's own check of the file, then the
    /// start-up migration; the row count of every table.
    /// </summary>
    public static async Task<SortedDictionary<string, long>> ReopenAsync(TestDatabase database)
    {
        if (database.Settings.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new SqliteConnection(database.Settings.ConnectionString);
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
        }
        await using var db = database.Context();
        await DatabaseMigrator.MigrateAsync(db);
        return await TableCounts.ReadAsync(db);
    }
}
