using System.Data.Common;
using Fanghu.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fanghu.Audit;

/// <summary>
/// Seals written audit entries into the hash chain (ADR 0016), in the order they became visible: each gets the next place
/// in the chain, the previous entry's hash and its own. One sealer at a time per database (PostgreSQL: a transaction
/// advisory lock; SQLite: its write lock), so the chain has one order whoever seals — the web app's background service,
/// or <c>fanghu audit verify</c> before it checks. Writers never wait for the chain; only the sealer does.
/// </summary>
public static class AuditSealer
{
    private const int Batch = 500;

    /// <summary>Seals every entry written and committed so far; returns how many it sealed.</summary>
    public static async Task<int> SealAsync(FanghuDbContext db, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var sealedNow = await SealBatchAsync(db, ct);
            total += sealedNow;
            if (sealedNow < Batch) return total;
        }
    }

    private static async Task<int> SealBatchAsync(FanghuDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7244730)", ct);
        var unsealed = await db.AuditTrail.AsNoTracking().Where(e => e.Hash == "").OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
        if (unsealed.Count == 0) return 0;
        var last = await db.AuditTrail.AsNoTracking().Where(e => e.Seq != null && e.Hash != "").OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var (seq, hash) = last is null ? (0L, AuditEntry.Genesis) : (last.Seq!.Value, last.Hash);

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = """UPDATE "AuditTrail" SET "Seq" = @seq, "PreviousHash" = @previous, "Hash" = @hash WHERE "Id" = @id AND "Hash" = ''""";
        var parameters = new[] { Parameter(command, "@seq"), Parameter(command, "@previous"), Parameter(command, "@hash"), Parameter(command, "@id") };
        foreach (var entry in unsealed)
        {
            entry.Seal(++seq, hash);
            (parameters[0].Value, parameters[1].Value, parameters[2].Value, parameters[3].Value) = (seq, entry.PreviousHash, entry.Hash, entry.Id);
            if (await command.ExecuteNonQueryAsync(ct) != 1)
                throw new InvalidOperationException($"审计日志第 {entry.Id} 号记录未能封存（已被另一封存过程处理？）");
            hash = entry.Hash;
        }
        await transaction.CommitAsync(ct);
        return unsealed.Count;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
