using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Demo;

/// <summary>
/// A year of residents' applications (救助申请) for the demo prefecture, taken through the same steps staff take —
/// filed, assigned to the usual department, taken up, answered, mostly confirmed, a few reopened, a few left open past
/// their days (督办) — so that the inbox, the board and the KPI report have something to show. Deterministic.
/// </summary>
internal static class DemoApplications
{
    private const int Count = 400;

    private static readonly Dictionary<ApplicationArea, (string Need, string Answer)[]> Texts = new()
    {
        [ApplicationArea.Living] = [("家中主要劳动力受伤，近两月没有收入，生活困难", "已纳入临时救助，发放救助金 2,000 元"), ("老人独居，冬季取暖有困难", "已协调发放取暖物资，村干部定期探访")],
        [ApplicationArea.Employment] = [("返乡后一直没有找到工作，希望安排公益性岗位", "已安排村保洁公益性岗位，每月 800 元"), ("想参加技能培训，不知道去哪里报名", "已登记参加县人社局 5 月烹饪技能培训")],
        [ApplicationArea.Education] = [("孩子考上大学，学费凑不齐", "已申请雨露计划补助和生源地助学贷款"), ("孩子上初中住校，生活费有困难", "已落实寄宿生生活补助")],
        [ApplicationArea.Medical] = [("老人住院自付费用较多，家里负担重", "已按规定办理医疗救助，报销自付部分 60%"), ("慢性病长期吃药，门诊费用报销不了", "已办理门诊慢特病认定，按比例报销")],
        [ApplicationArea.Housing] = [("房屋墙体开裂，雨季担心安全", "住建部门已鉴定为 C 级，已纳入危房改造计划"), ("屋顶漏雨，无力维修", "已安排农村危房改造补助，维修完成")],
        [ApplicationArea.Water] = [("入户水管冻裂，停水多日", "已更换入户管道，恢复供水"), ("旱季水量不足，吃水困难", "已协调送水并新建蓄水池")],
    };

    public static async Task<int> AddAsync(FanghuDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var policies = await db.PolicySets.AsNoTracking().ToListAsync(ct);
        if (PolicyLookup.InForce(policies, DemoPrefecture.ShangriLaCode, ChinaDate(now).AddDays(-365)) is null) return 0;
        var residents = await db.Persons.IgnoreQueryFilters()
            .Where(p => p.Household.PrefectureCode == DemoPrefecture.PrefectureCode && p.Relation == Relation.Head)
            .OrderBy(p => p.Id).Select(p => new { p.Name, p.IdNumber, p.Household.VillageCode }).ToListAsync(ct);
        if (residents.Count == 0) return 0;

        var r = new Random(DemoPrefecture.Seed + 11);
        // A few in the demo village account's village, the rest over the prefecture.
        var picked = residents.Where(p => p.VillageCode == DemoPrefecture.FirstVillageCode).Take(6).ToList();
        while (picked.Count < Count) picked.Add(residents[r.Next(residents.Count)]);

        var township = new Actor("demo-township", "乡镇受理员", Role.Township);
        var areas = Enum.GetValues<ApplicationArea>();
        var applications = new List<AssistanceApplication>(picked.Count);
        foreach (var p in picked)
        {
            var area = areas[r.Next(areas.Length)];
            var (need, answer) = Texts[area][r.Next(Texts[area].Length)];
            var filedAt = now.AddDays(-r.Next(1, 365)).AddHours(-r.Next(0, 10));
            var days = PolicyLookup.InForce(policies, p.VillageCode, ChinaDate(filedAt))?.Parameters.ApplicationEscalationDays ?? 10;
            var phone = "139" + r.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var a = AssistanceApplication.File(TrackingCodes.Seeded(r), area, need, p.Name, IdNumber.Parse(p.IdNumber).Value!.Value, phone,
                DivisionCode.Parse(p.VillageCode), false, null, filedAt, ChinaDate(filedAt), days);
            applications.Add(a);

            var age = (now - filedAt).TotalDays;
            var department = ApplicationDepartments.SuggestedFor(area);
            var officer = new Actor("demo-department", $"{department}局干部", Role.Department);
            if (age < 1 || r.Next(20) == 0) continue;                  // not yet assigned
            a.Assign(township, area, department, [], null, filedAt.AddDays(1));
            if (age < 3) continue;
            a.StartHandling(officer, "已电话联系申请人，入户了解情况", filedAt.AddDays(2));
            // Most are answered within the days; some late; a few left open past them.
            var closeAfter = r.Next(10) == 0 ? r.Next(11, 20) : r.Next(3, 10);
            if (age < closeAfter || r.Next(25) == 0) continue;
            var closedAt = filedAt.AddDays(closeAfter);
            a.Close(officer, answer, ChinaDate(closedAt), closedAt);
            if (age < closeAfter + 3) continue;
            if (r.Next(12) == 0)
            {
                a.Reopen("问题还没有完全解决，希望再跟进", closedAt.AddDays(2));
                if (age < closeAfter + 6) continue;
                var again = closedAt.AddDays(5);
                a.Close(officer, answer + "；已再次入户核实并跟进落实", ChinaDate(again), again);
                if (age >= closeAfter + 8) a.Confirm(again.AddDays(2));
            }
            else if (r.Next(3) > 0) a.Confirm(closedAt.AddDays(2));
        }
        db.Applications.AddRange(applications);
        await db.SaveChangesAsync(ct);
        return applications.Count;
    }

    private static DateOnly ChinaDate(DateTimeOffset moment) => DateOnly.FromDateTime(ChinaTime.ToChinaTime(moment));
}
