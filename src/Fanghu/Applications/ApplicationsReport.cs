using Fanghu.Divisions;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// The applications' KPIs for a division and a period (§7, §8): received = filed in the period; completed = those of
/// them closed (办结) by the period's last day — a reopened application counts as it stood then; the completion rate
/// in percent with one decimal; overdue = those of them still open at the period's end past their due day (督办).
/// Counted from the steps' dates, so a period already past gives the same figures later.
/// </summary>
public sealed class ApplicationsReport(Data.FanghuDbContext db)
{
    public sealed record AreaCount(string Area, int Received, int Completed);

    public sealed record Result(string Division, DateOnly From, DateOnly To, int Received, int Completed, decimal CompletionRate, int Overdue,
        IReadOnlyList<AreaCount> ByArea);

    public async Task<Result> HandleAsync(string division, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (!DivisionCode.TryParse(division, out var code, out var error)) throw new WorkflowRuleException(error);
        if (!await db.Divisions.AnyAsync(d => d.Code == code.Value, ct)) throw new NotFoundException($"没有行政区划 {code.Value}");
        if (to < from) throw new WorkflowRuleException("结束日期不能早于开始日期");

        var prefix = code.Value;
        var filed = db.Applications.AsNoTracking().Where(a => a.FiledOn >= from && a.FiledOn <= to);
        filed = code.Level switch
        {
            DivisionLevel.Province => filed.Where(a => a.PrefectureCode.StartsWith(prefix)),
            DivisionLevel.Prefecture => filed.Where(a => a.PrefectureCode == prefix),
            DivisionLevel.County => filed.Where(a => a.CountyCode == prefix),
            DivisionLevel.Township => filed.Where(a => a.TownshipCode == prefix),
            _ => filed.Where(a => a.VillageCode == prefix),
        };
        var rows = await filed.Select(a => new
        {
            a.Area,
            a.DueOn,
            // The last close or reopening up to the period's end says whether it stood closed then.
            Last = a.Steps.Where(s => (s.Kind == ApplicationStepKind.Closed || s.Kind == ApplicationStepKind.Reopened) && s.On <= to)
                .OrderByDescending(s => s.On).ThenByDescending(s => s.Id).Select(s => (ApplicationStepKind?)s.Kind).FirstOrDefault(),
        }).ToListAsync(ct);

        var received = rows.Count;
        var completed = rows.Count(r => r.Last == ApplicationStepKind.Closed);
        var overdue = rows.Count(r => r.Last != ApplicationStepKind.Closed && r.DueOn < to);
        var byArea = Enum.GetValues<ApplicationArea>()
            .Select(area => new AreaCount(ApplicationWords.Area.Word(area), rows.Count(r => r.Area == area),
                rows.Count(r => r.Area == area && r.Last == ApplicationStepKind.Closed)))
            .ToList();
        var rate = received == 0 ? 0m : Math.Round(completed * 100m / received, 1, MidpointRounding.AwayFromZero);
        return new Result(code.Value, from, to, received, completed, rate, overdue, byArea);
    }
}
