using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Screening;

/// <summary>
/// What-if for the income line (§6): how many households of the scope a different line would flag for a year's
/// income, per county and township, next to the line in force — counted as the income scan counts them
/// (人均纯收入 at or below the line), without writing anything.
/// </summary>
public sealed class IncomeLineWhatIf(CaseWork work)
{
    public async Task<WhatIfResult> HandleAsync(int year, decimal line, CancellationToken ct)
    {
        if (year < 2000 || year > work.Today.Year) throw new WorkflowRuleException("年度不合理");
        if (line is <= 0 or > 1_000_000m) throw new WorkflowRuleException("监测范围应为 0 至 100 万元之间的金额");
        var db = work.Db;
        var yearEnd = new DateOnly(year, 12, 31);
        var ids = await db.Incomes.Where(i => i.Year == year).Select(i => i.HouseholdId).ToListAsync(ct);
        var flagged = new List<(string Village, string County, bool Now, bool Then)>();
        var lines = new HashSet<decimal>();
        foreach (var chunk in ids.Chunk(500))
        {
            var households = await db.Households.AsNoTracking().Include(h => h.Members).Include(h => h.Incomes.Where(i => i.Year == year))
                .AsSplitQuery().Where(h => chunk.Contains(h.Id)).ToListAsync(ct);
            foreach (var h in households)
            {
                if (h.IncomeFor(year)!.Amounts.PerCapita(h.SizeForYear(year)) is not { } perCapita) continue;
                var current = (await work.PolicyAsync(h.VillageCode, yearEnd, ct)).IncomeLine;
                lines.Add(current);
                var now = perCapita <= current;
                var proposed = perCapita <= line;
                if (now || proposed) flagged.Add((h.VillageCode, h.CountyCode, now, proposed));
            }
        }

        var names = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var rows = new List<WhatIfRow>();
        foreach (var county in flagged.GroupBy(f => f.County).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(Row(county.Key, true, [.. county]));
            foreach (var township in county.GroupBy(f => f.Village[..Math.Min(9, f.Village.Length)]).OrderBy(g => g.Key, StringComparer.Ordinal))
                rows.Add(Row(township.Key, false, [.. township]));
        }
        WhatIfRow Row(string code, bool isCounty, List<(string Village, string County, bool Now, bool Then)> f) =>
            new(code, names.GetValueOrDefault(code, code), isCounty, f.Count(x => x.Now), f.Count(x => x.Then),
                f.Count(x => x.Then && !x.Now), f.Count(x => x.Now && !x.Then));

        var inForce = lines.Count == 0 ? "—" : string.Join("、", lines.Order().Select(l => $"{l:#,0} 元"));
        return new WhatIfResult($"{year} 年收入", "家庭收入", ids.Count, ids.Count, [$"在用监测范围 {inForce}"], [$"测算监测范围 {line:#,0} 元"],
            flagged.Count(x => x.Now), flagged.Count(x => x.Then), flagged.Count(x => x.Then && !x.Now), flagged.Count(x => x.Now && !x.Then),
            rows, 0, []);
    }
}
