using System.Diagnostics.CodeAnalysis;
using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Imports;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Reports;

/// <summary>Why a snapshot was not frozen or shown.</summary>
public enum SnapshotRefusal
{
    /// <summary>A missing or malformed kind, division, period or household type; a period not yet ended.</summary>
    InvalidInput = 1,
    UnknownDivision = 2,
    /// <summary>The division is not wholly within the user's divisions.</summary>
    OutsideScope = 3,
    /// <summary>The account's role may not freeze reports.</summary>
    NotAllowed = 4,
    /// <summary>The report of that division and period is already frozen; a 更正 needs a reason.</summary>
    AlreadyFrozen = 5,
    /// <summary>No such snapshot, or not one the user may see.</summary>
    NotFound = 6,
}

/// <summary>
/// 报表冻结: freezes one report of a division for an ended month or year, as computed now from the records, so what was
/// reported for the period stays on record whatever is corrected later. County bureaus, the prefecture and
/// administrators freeze, within their divisions (the report itself refuses a division the scope does not wholly
/// cover); village, township, department and audit accounts do not. One snapshot per report, division and period:
/// freezing it again is refused with who froze it and when, unless the request is a 更正 with a reason, which is
/// stored as the next version beside the first. Nothing is ever updated or deleted.
/// </summary>
public sealed class FreezeReport(FanghuDbContext db, TimeProvider clock)
{
    /// <summary>Who may freeze (DESIGN §1: the levels that publish figures).</summary>
    public static readonly IReadOnlyList<Role> Roles = [Role.County, Role.Prefecture, Role.Admin];

    public const int ReasonMax = 500;

    /// <param name="Kind">monitoring, applications or income (监测对象统计… accepted).</param>
    /// <param name="Period">2025-12 (a month) or 2025 (a year).</param>
    /// <param name="HouseholdType">For the income report: 脱贫户 (default), 一般农户 or 监测户.</param>
    /// <param name="Correction">The reason of a 更正: freezes a further version of a report already frozen.</param>
    public sealed record Request(string? Kind, string? Division, string? Period, string? HouseholdType = null, string? Note = null,
        string? Correction = null);

    public sealed record Result(ReportSnapshot? Snapshot, SnapshotRefusal? Refused, string Message)
    {
        [MemberNotNullWhen(true, nameof(Snapshot))]
        public bool Ok => Snapshot is not null;
    }

    public async Task<Result> HandleAsync(Actor actor, Request request, CancellationToken ct)
    {
        if (!Roles.Contains(actor.Role))
            return Refuse(SnapshotRefusal.NotAllowed, "只有县级、州级和系统管理员账号可以冻结报表");
        if (!ReportSnapshot.TryKind(request.Kind, out var kind))
            return Refuse(SnapshotRefusal.InvalidInput, "请选择报表：monitoring（监测对象统计）、applications（救助申请统计）或 income（收入统计）");
        if (string.IsNullOrWhiteSpace(request.Division)) return Refuse(SnapshotRefusal.InvalidInput, "请指定区划代码");
        if (!DivisionCode.TryParse(CellParsers.ToHalfWidth(request.Division), out var code, out var codeError))
            return Refuse(SnapshotRefusal.InvalidInput, codeError);
        if (!ReportPeriod.TryParse(request.Period, out var period, out var periodError)) return Refuse(SnapshotRefusal.InvalidInput, periodError);
        var today = clock.Today();
        // The last day itself is not over yet: a month can be frozen from the next day on.
        if (period.End >= today)
            return Refuse(SnapshotRefusal.InvalidInput,
                $"报告期 {period.Label} 到 {period.End:yyyy年M月d日} 才结束，只能冻结已经结束的月份或年度");
        var variant = "";
        if (kind == ReportKind.Income)
        {
            if (!IncomeReport.TryPopulation(request.HouseholdType, out var population))
                return Refuse(SnapshotRefusal.InvalidInput, $"户类型“{request.HouseholdType!.Trim()}”无效，应为 脱贫户、一般农户 或 监测户");
            variant = IncomeReport.Words[population];
        }
        var note = Registry.Household.Clean(request.Note);
        if (note?.Length > ReportSnapshot.NoteMax) return Refuse(SnapshotRefusal.InvalidInput, $"备注不能超过 {ReportSnapshot.NoteMax} 字");
        var reason = Registry.Household.Clean(request.Correction);
        if (reason?.Length > ReasonMax) return Refuse(SnapshotRefusal.InvalidInput, $"更正原因不能超过 {ReasonMax} 字");

        // Scoped like every read: a snapshot the user cannot see is one they cannot be told about either — but the
        // report below refuses such a division before this matters.
        var earlier = await db.ReportSnapshots.AsNoTracking()
            .Where(s => s.Kind == kind && s.DivisionCode == code.Value && s.PeriodKind == period.Kind && s.PeriodEnd == period.End && s.Variant == variant)
            .OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
        if (earlier is not null && reason is null) return AlreadyFrozen(earlier);
        if (earlier is null && reason is not null)
            return Refuse(SnapshotRefusal.InvalidInput, $"{ReportSnapshot.NameOf(kind)} {period.Label} 尚未冻结，没有可更正的版本；请不填更正原因直接冻结");

        var figures = await new PeriodReport(db, clock).HandleAsync(kind, code.Value, period, variant, ct);
        if (!figures.Ok)
            return Refuse(figures.Refused switch
            {
                ReportRefusal.OutsideScope => SnapshotRefusal.OutsideScope,
                ReportRefusal.UnknownDivision => SnapshotRefusal.UnknownDivision,
                _ => SnapshotRefusal.InvalidInput,
            }, figures.Message);

        var snapshot = new ReportSnapshot(kind, code, period, variant, (earlier?.Version ?? 0) + 1, reason, figures.ReportJson!,
            figures.ChildrenJson, actor.UserId, actor.Name, actor.Role, clock.GetUtcNow(), note);
        db.ReportSnapshots.Add(snapshot);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone froze the same report in the meantime: the unique index decided, and the first stands.
            db.Entry(snapshot).State = EntityState.Detached;
            var winner = await db.ReportSnapshots.AsNoTracking()
                .Where(s => s.Kind == kind && s.DivisionCode == code.Value && s.PeriodKind == period.Kind && s.PeriodEnd == period.End && s.Variant == variant)
                .OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
            if (winner is null) throw;
            return AlreadyFrozen(winner);
        }
        return new Result(snapshot, null, "");
    }

    private static Result AlreadyFrozen(ReportSnapshot s) => Refuse(SnapshotRefusal.AlreadyFrozen,
        $"{ReportSnapshot.NameOf(s.Kind)}（{s.DivisionCode}，{s.Period.Label}{(s.Variant.Length > 0 ? "，" + s.Variant : "")}）" +
        $"已由{s.FrozenByName}（{ReportSnapshot.RoleWord(s.FrozenByRole)}）于 {ChinaTime.ToChinaTime(s.FrozenAt):yyyy年M月d日 HH:mm} 冻结" +
        (s.Version > 1 ? $"（第 {s.Version} 版）" : "") + "，不能重复冻结；如数据有误，请填写更正原因，另存为更正版本");

    private static Result Refuse(SnapshotRefusal why, string message) => new(null, why, message);
}
