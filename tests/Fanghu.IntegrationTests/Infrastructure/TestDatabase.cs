using Fanghu.Accounts;
using Fanghu.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file by default, or a new PostgreSQL database when
/// FANGHU_TEST_POSTGRES holds a connection string to a server (as .ci/run sets it).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "FANGHU_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseSettings settings, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        _sqliteFile = sqliteFile;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    public static bool OnPostgres => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    /// <param name="migrate">False for an empty database, to migrate step by step (tests of a migration's data).</param>
    public static Task<TestDatabase> CreateAsync(bool migrate = true) => CreateAsync(Environment.GetEnvironmentVariable(PostgresVariable), migrate);

    /// <summary>On the PostgreSQL server of this connection string (a new database of its own), or SQLite when it is empty.</summary>
    public static async Task<TestDatabase> CreateAsync(string? admin, bool migrate = true)
    {
        TestDatabase database;
        if (!string.IsNullOrWhiteSpace(admin))
        {
            var name = "fanghu_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), null, admin, name);
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "fanghu-tests");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False"), file, null, null);
        }
        if (!migrate) return database;
        await using var db = database.Context();
        await DatabaseMigrator.MigrateAsync(db);
        return database;
    }

    public FanghuDbContext Context(DataScope? scope = null) => DataServices.CreateContext(Settings, scope ?? DataScope.All);

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_sqliteFile + suffix);
        }
        else if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
