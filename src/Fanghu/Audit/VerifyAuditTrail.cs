using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Audit;

/// <summary>
/// 审计日志校验 (<c>fanghu audit verify</c>): reads the trail in order and checks each entry against the chain — its number
/// follows the one before (a removed entry leaves a gap), it names the previous entry's hash, and its own hash is that
/// of its fields (a changed entry no longer matches). Reports the first broken entry, or the count and the last hash
/// (worth writing down elsewhere: removing the last entries leaves no gap to find).
/// </summary>
public sealed class VerifyAuditTrail(FanghuDbContext db)
{
    public sealed record Result(bool Intact, long Entries, string LastHash, long? BrokenId, string Message);

    public async Task<Result> HandleAsync(CancellationToken ct)
    {
        var previousHash = AuditEntry.Genesis;
        long expected = 1, count = 0;
        await foreach (var entry in db.AuditTrail.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            string? problem = null;
            if (entry.Id != expected)
                problem = entry.Id > expected ? $"第 {expected} 条至第 {entry.Id - 1} 条缺失（已被删除）" : $"编号 {entry.Id} 重复或乱序";
            else if (entry.PreviousHash != previousHash)
                problem = "所记前一条的哈希与前一条不符（前一条或本条被改动）";
            else if (entry.ComputeHash() != entry.Hash)
                problem = "内容与其哈希不符（本条被改动）";
            if (problem is not null)
                return new Result(false, count, previousHash, entry.Id,
                    $"审计日志在第 {entry.Id} 条处断开：{problem}。该条：{entry.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss} {entry.UserName} {entry.Action} {entry.Entity} {entry.EntityKey}");
            previousHash = entry.Hash;
            expected++;
            count++;
        }
        return new Result(true, count, previousHash, null, $"审计日志完整：共 {count} 条，哈希链无断点；最后一条的哈希 {previousHash}");
    }
}
