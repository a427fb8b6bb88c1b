using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Audit;

/// <summary>
/// 审计日志校验 (<c>fanghu audit verify</c>): reads the sealed trail in chain order and checks each entry — its place
/// follows the one before (a removed entry leaves a gap), it names the previous entry's hash, and its own hash is that
/// of its fields (a changed entry no longer matches). Reports the first broken entry, or the count and the last hash
/// (worth writing down elsewhere: removing the last entries leaves no gap to find). Entries not sealed yet are counted
/// and said; the command seals them first (<see cref="AuditSealer"/>).
/// </summary>
public sealed class VerifyAuditTrail(FanghuDbContext db)
{
    /// <param name="BrokenSeq">The place in the chain of the first broken entry.</param>
    /// <param name="Unsealed">Entries written but not sealed into the chain yet (not checked).</param>
    public sealed record Result(bool Intact, long Entries, string LastHash, long? BrokenSeq, long Unsealed, string Message);

    public async Task<Result> HandleAsync(CancellationToken ct)
    {
        var previousHash = AuditEntry.Genesis;
        long expected = 1, count = 0;
        var unsealed = await db.AuditTrail.CountAsync(e => e.Seq == null, ct);
        // Written entries are unsealed (no place, no hash) until the sealer fills in all of it: an entry with a hash but no
        // place was altered by hand, and would otherwise stay out of the chain unseen.
        if (await db.AuditTrail.AsNoTracking().Where(e => e.Seq == null && (e.Hash != "" || e.PreviousHash != "")).OrderBy(e => e.Id)
                .FirstOrDefaultAsync(ct) is { } outside)
            return new Result(false, 0, AuditEntry.Genesis, null, unsealed,
                $"审计日志被改动：编号 {outside.Id} 的记录带有哈希却不在哈希链中（被人为移出链外）。该条：{outside.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss} {outside.UserName} {outside.Action} {outside.Entity} {outside.EntityKey}");
        await foreach (var entry in db.AuditTrail.AsNoTracking().Where(e => e.Seq != null).OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            var seq = entry.Seq!.Value;
            string? problem = null;
            if (seq != expected)
                problem = seq > expected ? $"第 {expected} 条至第 {seq - 1} 条缺失（已被删除）" : $"第 {seq} 条重复或乱序";
            else if (entry.PreviousHash != previousHash)
                problem = "所记前一条的哈希与前一条不符（前一条或本条被改动）";
            else if (entry.ComputeHash() != entry.Hash)
                problem = "内容与其哈希不符（本条被改动）";
            if (problem is not null)
                return new Result(false, count, previousHash, seq, unsealed,
                    $"审计日志在第 {seq} 条处断开：{problem}。该条：{entry.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss} {entry.UserName} {entry.Action} {entry.Entity} {entry.EntityKey}");
            previousHash = entry.Hash;
            expected++;
            count++;
        }
        var pending = unsealed == 0 ? "" : $"；另有 {unsealed} 条刚写入、尚未封存，未校验";
        return new Result(true, count, previousHash, null, unsealed, $"审计日志完整：共 {count} 条，哈希链无断点；最后一条的哈希 {previousHash}{pending}");
    }
}
