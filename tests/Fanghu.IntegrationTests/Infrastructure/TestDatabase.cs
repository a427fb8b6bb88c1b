using Fanghu.Accounts;
using Fanghu.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test class: a SQLite file in a temp folder, or — when the environment
/// variable <c>FANGHU_TEST_POSTGRES</c> holds a connection string to a server — a PostgreSQL database with a
/// unique name on that server. Disposing deletes the file or drops the database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "FANGHU_TEST_POSTGRES";

    private readonly string? _sqliteFolder;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseSettings settings, string? sqliteFolder, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        _sqliteFolder = sqliteFolder;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    public static async Task<TestDatabase> CreateAsync(CancellationToken ct = default)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        var database = string.IsNullOrWhiteSpace(server) ? CreateSqlite() : await CreatePostgresAsync(server, ct);
        await using var db = database.CreateContext();
        await DatabaseMigrator.MigrateAsync(db, ct);
        return database;
    }

    /// <summary>A context outside the web app, unrestricted unless a scope is given (for arranging data).</summary>
    public FanghuDbContext CreateContext(DataScope? scope = null) => DataServices.CreateContext(Settings, scope ?? DataScope.All);

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fanghu-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "fanghu.db");
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"), folder, null, null);
    }

    private static async Task<TestDatabase> CreatePostgresAsync(string server, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(server);
        if (string.IsNullOrEmpty(admin.Database)) admin.Database = "postgres";
        var name = $"fanghu_test_{Guid.NewGuid():N}"[..32];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        var target = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name };
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, target.ConnectionString), null, admin.ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteFolder, recursive: true); }
            catch (IOException) { /* a file still held open by a finishing host; the temp folder is cleaned by the OS */ }
            catch (UnauthorizedAccessException) { }
        }
        if (_postgresAdmin is not null && _postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
