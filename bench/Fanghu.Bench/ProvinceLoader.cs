using System.Data.Common;
using System.Diagnostics;
using Fanghu.Applications;
using Fanghu.Assistance;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Fanghu.Bench;

/// <summary>
/// Loads a generated province into a fresh database: the migrator makes the schema, then each table is streamed
/// from its generator pass through <see cref="BulkInserter"/> (prepared INSERT on SQLite, binary COPY on
/// PostgreSQL), committed every <see cref="TableLoad.RowsPerTransaction"/> rows, so memory stays that of one row
/// whatever the size. The loaded tables' secondary indexes (and on PostgreSQL their foreign keys) are dropped first
/// and built again at the end — one sort per index instead of ten million random inserts into each — then the
/// statistics are gathered (ANALYZE) so the measured queries are planned as on a live database.
/// </summary>
internal static class ProvinceLoader
{
    public sealed record TableTime(string Table, long Rows, TimeSpan Elapsed);

    private sealed record Table(string Name, Type Entity, string[] Properties, Func<ProvinceGenerator, IRowSink, Task> Pass);

    private static readonly Table[] Tables =
    [
        new("Divisions", typeof(Division), ProvinceGenerator.DivisionProperties, (g, s) => g.DivisionsAsync(s)),
        new("Households", typeof(Household), ProvinceGenerator.HouseholdProperties, (g, s) => g.HouseholdsAsync(s)),
        new("Persons", typeof(Person), ProvinceGenerator.PersonProperties, (g, s) => g.PersonsAsync(s)),
        new("Incomes", typeof(HouseholdIncome), ProvinceGenerator.IncomeProperties, (g, s) => g.IncomesAsync(s)),
        new("GuaranteeChecks", typeof(GuaranteeCheck), ProvinceGenerator.GuaranteeProperties, (g, s) => g.GuaranteesAsync(s)),
        new("MonitoringCases", typeof(MonitoringCase), ProvinceGenerator.CaseProperties, (g, s) => g.CasesAsync(s)),
        new("Leads", typeof(Lead), ProvinceGenerator.LeadProperties, (g, s) => g.LeadsAsync(s)),
        new("CaseSteps", typeof(CaseStep), ProvinceGenerator.StepProperties, (g, s) => g.StepsAsync(s)),
        new("Measures", typeof(AssistanceMeasure), ProvinceGenerator.MeasureProperties, (g, s) => g.MeasuresAsync(s)),
        new("Applications", typeof(AssistanceApplication), ProvinceGenerator.ApplicationProperties, (g, s) => g.ApplicationsAsync(s)),
        new("ApplicationSteps", typeof(ApplicationStep), ProvinceGenerator.ApplicationStepProperties, (g, s) => g.ApplicationStepsAsync(s)),
    ];

    /// <summary>The target database for the run: DIR/fanghu-dashboard.db, or a PostgreSQL database with "bench" in its name.</summary>
    public static DatabaseSettings Target(string folder, string? postgres)
    {
        if (postgres is null)
        {
            Directory.CreateDirectory(folder);
            return DatabaseSettings.FromOption(Path.Combine(folder, "fanghu-dashboard.db"));
        }
        var builder = new NpgsqlConnectionStringBuilder(postgres);
        if (builder.Database?.Contains("bench", StringComparison.OrdinalIgnoreCase) != true) builder.Database = "fanghu_bench_dash";
        return new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString);
    }

    /// <summary>Whether the database already holds this province (the counts of households, persons and episodes).</summary>
    public static async Task<bool> HoldsAsync(DatabaseSettings settings, ProvinceGenerator province)
    {
        try
        {
            if (settings.Provider == DatabaseProvider.Sqlite && !File.Exists(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource))
                return false;
            await using var db = DataServices.CreateContext(settings);
            if (!await db.Database.CanConnectAsync()) return false;
            return await CountAsync(db, "Households") == province.HouseholdCount && await CountAsync(db, "Persons") == province.PersonCount
                && await CountAsync(db, "MonitoringCases") == province.CaseCount;
        }
        catch (DbException)
        {
            return false; // no such database, or no schema yet
        }
    }

    public static async Task<long> CountAsync(FanghuDbContext db, string table) => await ScalarAsync(db, $"SELECT COUNT(*) FROM \"{table}\"");

    public static async Task<long> ScalarAsync(FanghuDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<IReadOnlyList<TableTime>> LoadAsync(DatabaseSettings settings, ProvinceGenerator province, Action<string> log)
    {
        var times = new List<TableTime>();
        var clock = Stopwatch.StartNew();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            BenchDatabase.DeleteSqlite(file);
        }
        await using var db = DataServices.CreateContext(settings);
        if (settings.Provider == DatabaseProvider.Postgres) await db.Database.EnsureDeletedAsync();
        await DatabaseMigrator.MigrateAsync(db);
        await db.Database.OpenConnectionAsync();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // A bench load: no fsync, a larger page cache, and the parent rows are the generator's to get right (the
            // recreated unique indexes and the self-check still catch a wrong key).
            await ExecuteAsync(db, "PRAGMA foreign_keys=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
        }
        var rebuild = await DropIndexesAsync(db, [.. Tables.Select(t => t.Name)]);
        times.Add(new("schema (migrate, drop indexes)", 0, clock.Elapsed));
        log($"  {"schema",-16} {"",12} {clock.Elapsed.TotalSeconds,12:F1} s  (migrations, indexes dropped)");

        foreach (var table in Tables)
        {
            clock.Restart();
            await using var load = await TableLoad.StartAsync(db, table.Entity, table.Properties);
            await table.Pass(province, load);
            await load.CompleteAsync();
            times.Add(new(table.Name, load.Rows, clock.Elapsed));
            log($"  {table.Name,-16} {load.Rows,12:N0} rows {clock.Elapsed.TotalSeconds,8:F1} s");
        }

        clock.Restart();
        // PostgreSQL sorts an index in memory up to maintenance_work_mem (64 MB by default), on disk beyond it.
        if (db.Provider == DatabaseProvider.Postgres) await ExecuteAsync(db, "SET maintenance_work_mem = '512MB'");
        foreach (var statement in rebuild) await ExecuteAsync(db, statement);
        times.Add(new("indexes and keys", rebuild.Count, clock.Elapsed));
        log($"  {"indexes and keys",-16} {rebuild.Count,12:N0} stmts {clock.Elapsed.TotalSeconds,7:F1} s");

        clock.Restart();
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // The ids were given, not drawn: move each identity on past them for whatever writes next.
            foreach (var table in Tables.Where(t => t.Properties[0] == "Id"))
                await ExecuteAsync(db, $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table.Name}\"))");
            await ExecuteAsync(db, "ANALYZE");
        }
        else
        {
            // Statistics from a sample of each index (as PostgreSQL's ANALYZE samples), not a read of every one.
            await ExecuteAsync(db, "PRAGMA analysis_limit=2000; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        }
        times.Add(new("analyze", 0, clock.Elapsed));
        log($"  {"analyze",-16} {"",12} {clock.Elapsed.TotalSeconds,12:F1} s");
        return times;
    }

    /// <summary>Every table's pass into a sink that only counts: what the generator alone costs of a load.</summary>
    public static async Task GenerateOnlyAsync(ProvinceGenerator province, Action<string> log)
    {
        var total = Stopwatch.StartNew();
        foreach (var table in Tables)
        {
            var clock = Stopwatch.StartNew();
            var sink = new CountingSink();
            await table.Pass(province, sink);
            log($"  {table.Name,-16} {sink.Rows,12:N0} rows {clock.Elapsed.TotalSeconds,8:F1} s");
        }
        log($"generated in {total.Elapsed.TotalSeconds:F1} s, nothing written; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
    }

    private sealed class CountingSink : IRowSink
    {
        public long Rows { get; private set; }

        public ValueTask AddAsync(object?[] row)
        {
            Rows++;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// Drops the secondary indexes of the tables (and on PostgreSQL the foreign keys from them) and returns the
    /// statements that build them again, indexes first.
    /// </summary>
    private static async Task<List<string>> DropIndexesAsync(FanghuDbContext db, string[] tables)
    {
        var create = new List<string>();
        var constraints = new List<string>();
        var drop = new List<string>();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        var names = string.Join(", ", tables.Select(t => $"'{t}'"));
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({names})";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                drop.Add($"DROP INDEX \"{reader.GetString(0)}\"");
                create.Add(reader.GetString(1));
            }
        }
        else
        {
            command.CommandText = $"""
                SELECT 'ALTER TABLE ' || quote_ident(c.relname) || ' DROP CONSTRAINT ' || quote_ident(k.conname),
                       'ALTER TABLE ' || quote_ident(c.relname) || ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid), 1
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                WHERE k.contype = 'f' AND c.relname IN ({names})
                UNION ALL
                SELECT 'DROP INDEX ' || quote_ident(i.schemaname) || '.' || quote_ident(i.indexname), i.indexdef, 2
                FROM pg_indexes i
                WHERE i.schemaname = current_schema() AND i.tablename IN ({names})
                  AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))
                ORDER BY 3
                """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                drop.Add(reader.GetString(0));
                (reader.GetInt32(2) == 1 ? constraints : create).Add(reader.GetString(1));
            }
        }
        foreach (var statement in drop) await ExecuteAsync(db, statement);
        return [.. create, .. constraints];
    }

    private static async Task ExecuteAsync(FanghuDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// One table's rows into the database through <see cref="BulkInserter"/>, values converted as the EF model says
/// (enums to numbers, decimals to REAL on SQLite), a transaction every <see cref="RowsPerTransaction"/> rows so
/// neither SQLite's WAL nor PostgreSQL's open transaction grows with the table.
/// </summary>
internal sealed class TableLoad : IRowSink, IAsyncDisposable
{
    public const int RowsPerTransaction = 250_000;

    private readonly FanghuDbContext _db;
    private readonly Type _entity;
    private readonly string[] _properties;
    private readonly ValueConverter?[] _converters;
    private readonly object?[] _values;
    private IDbContextTransaction? _transaction;
    private BulkInserter? _inserter;

    private TableLoad(FanghuDbContext db, Type entity, string[] properties)
    {
        _db = db;
        _entity = entity;
        _properties = properties;
        var type = db.Model.FindEntityType(entity)!;
        _converters = [.. properties.Select(p => (type.FindProperty(p) ?? throw new ArgumentException($"{entity.Name}.{p} is not mapped")).GetTypeMapping().Converter)];
        _values = new object?[properties.Length];
    }

    public long Rows { get; private set; }

    public static async Task<TableLoad> StartAsync(FanghuDbContext db, Type entity, string[] properties)
    {
        var load = new TableLoad(db, entity, properties);
        await load.BeginAsync();
        return load;
    }

    public async ValueTask AddAsync(object?[] row)
    {
        for (var i = 0; i < row.Length; i++)
            _values[i] = row[i] is { } value && _converters[i] is { } converter ? converter.ConvertToProvider(value) : row[i];
        await _inserter!.AddAsync(_values, default);
        if (++Rows % RowsPerTransaction == 0)
        {
            await CommitAsync();
            await BeginAsync();
        }
    }

    public Task CompleteAsync() => CommitAsync();

    private async Task BeginAsync()
    {
        _transaction = await _db.Database.BeginTransactionAsync();
        _inserter = await BulkInserter.StartAsync(_db, _entity, _properties, default);
    }

    private async Task CommitAsync()
    {
        if (_inserter is null) return;
        await _inserter.CompleteAsync(default);
        await _inserter.DisposeAsync();
        _inserter = null;
        await _transaction!.CommitAsync();
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_inserter is not null) await _inserter.DisposeAsync();
        if (_transaction is not null) await _transaction.DisposeAsync();
    }
}
