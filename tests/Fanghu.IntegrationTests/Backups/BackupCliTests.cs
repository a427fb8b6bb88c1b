using Fanghu.Data;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Fanghu.IntegrationTests.Backups;

/// <summary>
/// fanghu backup, the real command as a process. Always on a SQLite file (the command backs up SQLite only),
/// whatever database the other tests run on.
/// </summary>
public sealed class BackupCliTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fanghu-backup-").FullName;
    private string Source => Path.Combine(_folder, "fanghu.db");
    private string SourceConnection => new SqliteConnectionStringBuilder { DataSource = Source, Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using var db = DataServices.CreateContext(new DatabaseSettings(DatabaseProvider.Sqlite, SourceConnection));
        await DatabaseMigrator.MigrateAsync(db);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_backup_taken_while_another_connection_writes_holds_the_committed_rows_and_none_of_the_open_transaction()
    {
        await using var writer = new SqliteConnection(SourceConnection);
        await writer.OpenAsync();
        await ExecuteAsync(writer, "INSERT INTO Divisions (Code, Name, ParentCode, Level) VALUES ('5334', '迪庆藏族自治州', NULL, 1), ('533401', '香格里拉市', '5334', 2)");
        // A tiny page cache makes the open transaction spill its pages into the WAL before it commits,
        // so the backup has uncommitted frames in front of it, not just in the writer's memory.
        await ExecuteAsync(writer, "PRAGMA cache_size = 10");
        await using (var transaction = writer.BeginTransaction())
        {
            var insert = writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Divisions (Code, Name, ParentCode, Level) VALUES ($code, $name, '533401', 3)";
            var code = insert.Parameters.Add("$code", SqliteType.Text);
            insert.Parameters.AddWithValue("$name", new string('乡', 90));
            for (var i = 0; i < 3000; i++)
            {
                code.Value = $"533401{i:D3}";
                await insert.ExecuteNonQueryAsync();
            }
            var backup = Path.Combine(_folder, "backup.db");

            var run = await CliProcess.RunAsync(Source, "backup", "--out", backup);

            Assert.True(run.Exit == 0, run.Err);
            Assert.Contains("完整性检查（PRAGMA integrity_check）：ok", run.Out);
            Assert.Contains("Divisions: 2\n", run.Out.ReplaceLineEndings("\n"));
            Assert.Equal(["533401 香格里拉市", "5334 迪庆藏族自治州"], await DivisionsAsync(backup));
            await transaction.CommitAsync();
        }
        Assert.Equal(3002, (await DivisionsAsync(Source)).Count);
    }

    [Fact]
    public async Task An_existing_file_is_kept_unless_force_is_given()
    {
        var backup = Path.Combine(_folder, "backup.db");
        await File.WriteAllTextAsync(backup, "昨天的备份");

        var refused = await CliProcess.RunAsync(Source, "backup", "--out", backup);
        var kept = await File.ReadAllTextAsync(backup);
        var forced = await CliProcess.RunAsync(Source, "backup", "--out", backup, "--force");

        Assert.Equal((1, $"备份文件已存在：{backup}（用 --force 覆盖）"), (refused.Exit, refused.Err.Trim()));
        Assert.Equal("昨天的备份", kept);
        Assert.True(forced.Exit == 0, forced.Err);
        Assert.Empty(await DivisionsAsync(backup));
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
    }

    [Fact]
    public async Task PostgreSQL_is_refused_with_a_pointer_to_pg_dump()
    {
        var run = await CliProcess.RunAsync("Host=127.0.0.1;Port=1;Database=fanghu", "backup", "--out", Path.Combine(_folder, "pg.db"));

        Assert.Equal(1, run.Exit);
        Assert.Contains("pg_dump", run.Err);
        Assert.False(File.Exists(Path.Combine(_folder, "pg.db")));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> DivisionsAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Code || ' ' || Name FROM Divisions ORDER BY Code DESC";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
