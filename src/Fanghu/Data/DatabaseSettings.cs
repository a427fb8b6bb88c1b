using Fanghu.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.Data;

/// <summary>
/// Which database to use, read from the same keys by the web app and the CLI: <c>Database:Provider</c>
/// (Sqlite | Postgres) and <c>ConnectionStrings:Fanghu</c>. Without a connection string, SQLite uses
/// <c>Database:FileName</c> (fanghu.db; the web app's Development settings say fanghu-dev.db, so demo data and
/// demo accounts never share a file with real data) in <c>Database:DataFolder</c> (by default the user's local
/// application data).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration config)
    {
        var providerText = config["Database:Provider"];
        var connection = config.GetConnectionString("Fanghu");
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
            provider = connection is not null && LooksLikePostgres(connection) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider))
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{providerText}'.");

        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Fanghu is not set.");
            connection = $"Data Source={DefaultSqliteFile(config["Database:DataFolder"], config["Database:FileName"])}";
        }
        return new DatabaseSettings(provider, connection);
    }

    /// <summary>For the CLI's --db: a PostgreSQL connection string, a SQLite connection string or a SQLite file.</summary>
    public static DatabaseSettings FromOption(string value)
    {
        if (LooksLikePostgres(value)) return new(DatabaseProvider.Postgres, value);
        if (value.Contains('=')) return new(DatabaseProvider.Sqlite, value);
        return new(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(value)}");
    }

    public static string DefaultSqliteFile(string? folder, string? fileName = null)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            folder = string.IsNullOrEmpty(appData) ? Path.Combine(AppContext.BaseDirectory, "data") : Path.Combine(appData, "Fanghu");
        }
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, string.IsNullOrWhiteSpace(fileName) ? "fanghu.db" : fileName);
    }

    private static bool LooksLikePostgres(string connection) =>
        connection.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connection.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || connection.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);

    public string Describe() => Provider == DatabaseProvider.Sqlite ? ConnectionString : "PostgreSQL";
}

public static class DataServices
{
    /// <summary>Registers the DbContext for the configured provider as <see cref="FanghuDbContext"/>.</summary>
    public static IServiceCollection AddFanghuData(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.Sqlite)
            services.AddDbContext<FanghuDbContext, SqliteFanghuDbContext>(o => Configure(o, settings));
        else
            services.AddDbContext<FanghuDbContext, PostgresFanghuDbContext>(o => Configure(o, settings));
        return services;
    }

    /// <summary>
    /// A list in a query (<c>ids.Contains(p.IdNumber)</c>) goes to the database as one array parameter
    /// (json_each on SQLite, = ANY on PostgreSQL) rather than EF 10's default of one parameter per element:
    /// the imports look up thousands of keys at a time, and this is six times faster there.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, DatabaseSettings settings) =>
        settings.Provider == DatabaseProvider.Sqlite
            ? o.UseSqlite(settings.ConnectionString, x => x.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            : o.UseNpgsql(settings.ConnectionString, x => x.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    /// <summary>A context outside dependency injection (CLI, tests, benchmarks).</summary>
    public static FanghuDbContext CreateContext(DatabaseSettings settings, DataScope? scope = null)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<SqliteFanghuDbContext>();
            Configure(sqlite, settings);
            return new SqliteFanghuDbContext(sqlite.Options, scope ?? DataScope.All);
        }
        var postgres = new DbContextOptionsBuilder<PostgresFanghuDbContext>();
        Configure(postgres, settings);
        return new PostgresFanghuDbContext(postgres.Options, scope ?? DataScope.All);
    }
}
