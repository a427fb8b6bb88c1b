using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fanghu.Data;

/// <summary>
/// Inserts many rows of one table fast, inside the context's current transaction: a prepared statement on
/// SQLite, binary COPY on PostgreSQL. Table and column names come from the EF model, so the bulk path and
/// the model can't drift apart. Values are given in the order of the properties asked for.
/// </summary>
public abstract class BulkInserter : IAsyncDisposable
{
    public static async Task<BulkInserter> StartAsync(FanghuDbContext db, Type entity, IReadOnlyList<string> properties, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(entity) ?? throw new ArgumentException($"{entity.Name} is not in the model", nameof(entity));
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = properties.Select(p => type.FindProperty(p)?.GetColumnName(table) ?? throw new ArgumentException($"{entity.Name}.{p} is not mapped")).ToList();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the import's transaction.");
        var quoted = string.Join(", ", columns.Select(c => $"\"{c}\""));
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
                $"COPY \"{table.Name}\" ({quoted}) FROM STDIN (FORMAT BINARY)", ct);
            return new PostgresBulkInserter(importer);
        }
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({quoted}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < columns.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$p" + i;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return new SqliteBulkInserter(command);
    }

    /// <summary>
    /// Inserts rows whose keys the caller needs back (a new household's id for its members), in order:
    /// INSERT … RETURNING on SQLite; on PostgreSQL the ids are drawn from the identity's sequence first
    /// and written by COPY, so no row is read back.
    /// </summary>
    public static async Task<long[]> InsertReturningIdsAsync(FanghuDbContext db, Type entity, IReadOnlyList<string> properties,
        IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var ids = new long[rows.Count];
        if (rows.Count == 0) return ids;
        var type = db.Model.FindEntityType(entity)!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties.Single().GetColumnName(table)!;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var npgsql = (NpgsqlConnection)db.Database.GetDbConnection();
            await using (var next = new NpgsqlCommand(
                $"SELECT nextval(pg_get_serial_sequence('\"{table.Name}\"', '{key}')) FROM generate_series(1, {rows.Count})", npgsql))
            await using (var reader = await next.ExecuteReaderAsync(ct))
            {
                for (var i = 0; await reader.ReadAsync(ct); i++) ids[i] = reader.GetInt64(0);
            }
            await using var insert = await StartAsync(db, entity, [type.FindPrimaryKey()!.Properties.Single().Name, .. properties], ct);
            for (var i = 0; i < rows.Count; i++) await insert.AddAsync([ids[i], .. rows[i]], ct);
            await insert.CompleteAsync(ct);
            return ids;
        }

        // SQLite: the ids are taken after the highest ever given (EF's transactions begin IMMEDIATE, so this one holds the
        // write lock and no one else takes them), and the rows go a few to a statement: one statement per row, reading
        // each id back, costs more; many to a statement costs more again, since each parameter is bound by name.
        var columns = properties.Select(p => type.FindProperty(p)!.GetColumnName(table)).ToList();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the import's transaction.");
        var connection = db.Database.GetDbConnection();
        long last;
        await using (var highest = connection.CreateCommand())
        {
            highest.Transaction = transaction;
            highest.CommandText = $"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table.Name}'), 0), COALESCE((SELECT MAX(\"{key}\") FROM \"{table.Name}\"), 0))";
            last = Convert.ToInt64(await highest.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        for (var r = 0; r < rows.Count; r++) ids[r] = last + 1 + r;

        var perStatement = Math.Max(1, Math.Min(RowsPerStatement, MaxSqliteParameters / (columns.Count + 1)));
        var names = $"\"{key}\", {string.Join(", ", columns.Select(c => $"\"{c}\""))}";
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                var command = count == perStatement ? full ??= Prepare(perStatement) : Prepare(count);
                for (var r = 0; r < count; r++)
                {
                    command.Parameters[r * (columns.Count + 1)].Value = ids[start + r];
                    for (var i = 0; i < columns.Count; i++)
                        command.Parameters[r * (columns.Count + 1) + 1 + i].Value = Store(rows[start + r][i]) ?? DBNull.Value;
                }
                await command.ExecuteNonQueryAsync(ct);
                if (command != full) await command.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
        return ids;

        DbCommand Prepare(int count)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = Enumerable.Range(0, count).Select(r =>
                "(" + string.Join(", ", Enumerable.Range(0, columns.Count + 1).Select(i => $"?{r * (columns.Count + 1) + i + 1}")) + ")");
            command.CommandText = $"INSERT INTO \"{table.Name}\" ({names}) VALUES {string.Join(", ", values)}";
            for (var i = 0; i < count * (columns.Count + 1); i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"?{i + 1}";
                command.Parameters.Add(parameter);
            }
            command.Prepare();
            return command;
        }
    }

    private const int RowsPerStatement = 8;
    private const int MaxSqliteParameters = 32766;

    public abstract ValueTask AddAsync(object?[] values, CancellationToken ct);

    /// <summary>Finishes the batch; rows are visible to later queries of the same transaction.</summary>
    public abstract ValueTask CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected static object? Store(object? value) => value switch
    {
        null => null,
        Enum e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    private sealed class SqliteBulkInserter(DbCommand command) : BulkInserter
    {
        public override ValueTask AddAsync(object?[] values, CancellationToken ct)
        {
            for (var i = 0; i < values.Length; i++)
                command.Parameters[i].Value = Store(values[i]) ?? DBNull.Value;
            command.ExecuteNonQuery();
            return ValueTask.CompletedTask;
        }

        public override ValueTask CompleteAsync(CancellationToken ct) => ValueTask.CompletedTask;

        public override ValueTask DisposeAsync() => command.DisposeAsync();
    }

    private sealed class PostgresBulkInserter(NpgsqlBinaryImporter importer) : BulkInserter
    {
        // Typed, synchronous writes: COPY buffers rows and flushes whole buffers, and naming the type saves
        // Npgsql resolving a converter for every boxed value (three times faster than WriteAsync(object)).
        public override ValueTask AddAsync(object?[] values, CancellationToken ct)
        {
            importer.StartRow();
            foreach (var value in values)
            {
                switch (value)
                {
                    case null: importer.WriteNull(); break;
                    case string s: importer.Write(s, NpgsqlTypes.NpgsqlDbType.Text); break;
                    case long l: importer.Write(l, NpgsqlTypes.NpgsqlDbType.Bigint); break;
                    case int i: importer.Write(i, NpgsqlTypes.NpgsqlDbType.Integer); break;
                    case Enum e: importer.Write(Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Integer); break;
                    case bool b: importer.Write(b, NpgsqlTypes.NpgsqlDbType.Boolean); break;
                    case DateOnly d: importer.Write(d, NpgsqlTypes.NpgsqlDbType.Date); break;
                    case decimal m: importer.Write(m, NpgsqlTypes.NpgsqlDbType.Numeric); break;
                    default: importer.Write(value); break;
                }
            }
            return ValueTask.CompletedTask;
        }

        public override async ValueTask CompleteAsync(CancellationToken ct)
        {
            await importer.CompleteAsync(ct);
            await importer.CloseAsync(ct);
        }

        public override ValueTask DisposeAsync() => importer.DisposeAsync();
    }
}
