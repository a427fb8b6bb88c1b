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
        public override async ValueTask AddAsync(object?[] values, CancellationToken ct)
        {
            await importer.StartRowAsync(ct);
            foreach (var value in values)
            {
                var stored = Store(value);
                if (stored is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(stored, ct);
            }
        }

        public override async ValueTask CompleteAsync(CancellationToken ct)
        {
            await importer.CompleteAsync(ct);
            await importer.CloseAsync(ct);
        }

        public override ValueTask DisposeAsync() => importer.DisposeAsync();
    }
}
