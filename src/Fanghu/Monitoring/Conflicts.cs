using Fanghu.Applications;
using Fanghu.Assistance;
using Fanghu.Data;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Monitoring;

/// <summary>
/// The message of a conflict (ADR 0018): who changed the record and when, as far as its timeline tells, so the officer
/// knows what happened rather than only that the save failed. The last step of a case or an application names the
/// person and the moment; a measure or a household has no timeline of its own and says 他人.
/// </summary>
public static class Conflicts
{
    /// <summary>The record the form was built from has changed since (its version differs).</summary>
    public static async Task<ConflictException> OfAsync(FanghuDbContext db, object? changed, CancellationToken ct) => changed switch
    {
        // A case not yet saved: another request opened the household's next case first.
        MonitoringCase { Id: <= 0 } => new ConflictException(Message("该户信息", "修改", null, null)),
        MonitoringCase c => await OfCaseAsync(db, c.Id, ct),
        Lead => new ConflictException(Message("该户信息", "修改", null, null)),
        AssistanceApplication a => await OfApplicationAsync(db, a.Id, ct),
        AssistanceMeasure => new ConflictException(Message("该帮扶措施", "修改", null, null)),
        Household => new ConflictException(Message("该户信息", "修改", null, null)),
        _ => new ConflictException(Message("该记录", "修改", null, null)),
    };

    public static async Task<ConflictException> OfCaseAsync(FanghuDbContext db, long caseId, CancellationToken ct)
    {
        var last = await db.CaseSteps.AsNoTracking().Where(s => s.CaseId == caseId && s.Kind != StepKind.LeadAttached)
            .OrderByDescending(s => s.Id).Select(s => new { s.ActorName, s.RecordedAt }).FirstOrDefaultAsync(ct);
        return new ConflictException(Message("该案件", "办理或修改", last?.ActorName, last?.RecordedAt));
    }

    public static async Task<ConflictException> OfApplicationAsync(FanghuDbContext db, long applicationId, CancellationToken ct)
    {
        var last = await db.ApplicationSteps.AsNoTracking().Where(s => s.ApplicationId == applicationId)
            .OrderByDescending(s => s.Id).Select(s => new { s.ActorName, s.At }).FirstOrDefaultAsync(ct);
        return new ConflictException(Message("该申请", "办理", last?.ActorName, last?.At));
    }

    /// <summary>A unique key met by a concurrent insert (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode == 2067,
        _ => false,
    };

    /// <summary>“该案件已被 张三 于 11月29日 14:32 办理或修改，您看到的是旧版本，请刷新后按最新情况重新操作”.</summary>
    internal static string Message(string what, string verb, string? who, DateTimeOffset? at) =>
        (who is { Length: > 0 } && at is { } when
            ? $"{what}已被 {who} 于 {ChinaTime.ToChinaTime(when):M月d日 HH:mm} {verb}"
            : $"{what}已被他人{verb}")
        + "，您看到的是旧版本，请刷新后按最新情况重新操作";
}
