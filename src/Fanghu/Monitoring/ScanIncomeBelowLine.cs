using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Monitoring;

/// <summary>
/// The income-monitoring channel (收入监测): every household in scope whose per-capita net income for a year is
/// at or below the line in force at that year's end gets a lead. Running the same year again adds nothing.
/// </summary>
public sealed class ScanIncomeBelowLine(CaseWork work, RecordLead leads)
{
    public sealed record Result(int Year, int HouseholdsWithIncome, int AtOrBelowLine, int NewLeads, int OpenedCases, int AlreadyKnown);

    public async Task<Result> HandleAsync(Actor actor, int year, CancellationToken ct)
    {
        if (year < 2000 || year > work.Today.Year) throw new WorkflowRuleException("年度不合理");
        var yearEnd = new DateOnly(year, 12, 31);
        // The lead is found the day the scan runs; its time limit starts then, not at the income year's end.
        var reportedOn = work.Today;
        var ids = await work.Db.Incomes.Where(i => i.Year == year).Select(i => i.HouseholdId).ToListAsync(ct);
        int below = 0, added = 0, opened = 0, known = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            var households = await work.Db.Households.Include(h => h.Members).Include(h => h.Incomes.Where(i => i.Year == year))
                .AsSplitQuery().Where(h => chunk.Contains(h.Id)).ToListAsync(ct);
            foreach (var h in households)
            {
                var perCapita = h.IncomeFor(year)!.Amounts.PerCapita(h.SizeForYear(year));
                var line = (await work.PolicyAsync(h.VillageCode, yearEnd, ct)).IncomeLine;
                if (perCapita is not { } p || p > line) continue;
                below++;
                var r = await leads.AddAsync(actor, h, new RecordLead.Request(h.Id, LeadChannel.IncomeMonitoring, reportedOn,
                    $"{year} 年人均纯收入 {p:#,0} 元，不高于监测范围 {line:#,0} 元", [], "收入监测", SourceKey: $"income:{year}"), ct);
                if (r.Duplicate is not null) known++;
                else { added++; if (r.Opened) opened++; }
            }
            await work.SaveAsync(ct);
            work.Db.ChangeTracker.Clear();
        }
        return new Result(year, ids.Count, below, added, opened, known);
    }
}
