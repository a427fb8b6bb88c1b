using Fanghu.Accounts;
using Fanghu.Assistance;
using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Demo;

/// <summary>
/// Work in progress for the demo prefecture: cases at every step of identification and elimination, dated
/// back from the day the demo is loaded so that some are on time and some overdue at each level. Every case is
/// moved by the domain's own methods, as the demo accounts would have done.
/// </summary>
internal static class DemoWorkflow
{
    private static readonly Actor Village = new("demo:village", "扎西次仁", Role.Village);
    private static readonly Actor Township = new("demo:township", "和丽梅", Role.Township);
    private static readonly Actor County = new("demo:county", "李建国", Role.County);

    /// <summary>How far each demo case has got, by how many days ago each step happened.</summary>
    private enum Scenario
    {
        NewLead, LateVerification, ReviewDue, LateReview, InNotice, Objection, TownshipDue, LateTownship, CountyDue, LateCounty,
        FastTrack, EliminationAtTownship,
    }

    public static async Task<int> OpenCasesAsync(FanghuDbContext db, DateOnly today, CancellationToken ct)
    {
        var policies = await db.PolicySets.AsNoTracking().ToListAsync(ct);
        if (PolicyLookup.InForce(policies, DemoPrefecture.ShangriLaCode, today) is null) return 0;
        // Households never monitored, so that no new case predates an earlier episode's elimination.
        var busy = db.MonitoringCases.IgnoreQueryFilters().Select(c => c.HouseholdId);
        var candidates = await db.Households.IgnoreQueryFilters()
            .Where(h => h.PrefectureCode == DemoPrefecture.PrefectureCode && !busy.Contains(h.Id))
            .OrderBy(h => h.Id).Select(h => new { h.Id, h.VillageCode }).ToListAsync(ct);
        var r = new Random(DemoPrefecture.Seed + 3);
        var scenarios = Enum.GetValues<Scenario>();
        var picked = new List<(long Id, Scenario Scenario)>();
        // Every scenario in the demo village account's two villages, then a spread over the prefecture.
        foreach (var village in new[] { DemoPrefecture.FirstVillageCode, DemoPrefecture.SecondVillageCode })
        {
            var here = candidates.Where(c => c.VillageCode == village).Select(c => c.Id).ToList();
            for (var i = 0; i < scenarios.Length && i < here.Count; i++) picked.Add((here[i], scenarios[i]));
        }
        var taken = picked.Select(p => p.Id).ToHashSet();
        var rest = candidates.Where(c => !taken.Contains(c.Id)).ToList();
        for (var i = 0; i < 60 && rest.Count > 0; i++)
        {
            var c = rest[r.Next(rest.Count)];
            rest.Remove(c);
            picked.Add((c.Id, scenarios[r.Next(scenarios.Length - 2)]));
        }

        var ids = picked.Select(p => p.Id).ToList();
        var households = await db.Households.IgnoreQueryFilters().Include(h => h.Members).AsSplitQuery()
            .Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        var previous = (await db.MonitoringCases.IgnoreQueryFilters().Where(c => ids.Contains(c.HouseholdId)).ToListAsync(ct))
            .GroupBy(c => c.HouseholdId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Episode)!);
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, scenario) in picked)
        {
            var household = households[id];
            var policy = PolicyLookup.InForce(policies, household.VillageCode, today)!.Parameters;
            Play(db, household, previous.GetValueOrDefault(id), scenario, policy, today, now, r);
        }
        await db.SaveChangesAsync(ct);
        return picked.Count;
    }

    private static void Play(FanghuDbContext db, Household h, MonitoringCase? previous, Scenario s, PolicyParameters p, DateOnly today,
        DateTimeOffset now, Random r)
    {
        var ago = s switch
        {
            Scenario.NewLead => 0,
            Scenario.LateVerification => p.VerificationDays + 2,
            Scenario.ReviewDue => 2,
            Scenario.LateReview => p.VerificationDays + p.VillageReviewDays + 3,
            Scenario.InNotice => 4,
            Scenario.Objection => 5,
            Scenario.TownshipDue => p.PublicNoticeDays + 3,
            Scenario.LateTownship => p.PublicNoticeDays + p.TownshipReviewDays + 6,
            Scenario.CountyDue => p.PublicNoticeDays + 2,
            Scenario.LateCounty => p.PublicNoticeDays + p.TownshipReviewDays + p.CountyApprovalDays + 6,
            Scenario.FastTrack => 3,
            _ => 0,
        };
        if (s == Scenario.EliminationAtTownship)
        {
            PlayElimination(db, h, previous, p, today, now);
            return;
        }
        var day = today.AddDays(-ago);
        var flood = s == Scenario.FastTrack;
        var c = MonitoringCase.Open(h, previous, day, p);
        db.MonitoringCases.Add(c);
        var (summary, risks) = flood ? ("暴雨引发山洪，房屋受损、耕地被冲毁", new[] { "0201" })
            : r.Next(3) switch
            {
                0 => ("户主确诊重病住院，自付医疗费用较高", new[] { "01" }),
                1 => ("家中主要劳动力外出务工返乡，收入骤减", new[] { "07" }),
                _ => ("子女上学开支大，家庭收入偏低", new[] { "09", "04" }),
            };
        var lead = new Lead(h, c, s == Scenario.NewLead ? LeadChannel.SelfDeclaration : LeadChannel.CadreVisit, day, now, Village,
            new LeadDetails(summary, risks, s == Scenario.NewLead ? "户主本人" : "驻村工作队"));
        db.Leads.Add(lead);
        c.Attach(lead, Village, now);
        if (s is Scenario.NewLead or Scenario.LateVerification) return;

        var category = CategoryRule.Allowed(p.Categories)[0] is MonitoringCategory.Unified ? MonitoringCategory.Unified
            : h.Type == HouseholdType.FormerlyPoor ? MonitoringCategory.UnstableFormerlyPoor : MonitoringCategory.MarginalAtRisk;
        if (flood && p.Categories == CategoryScheme.ThreeCategories2021) category = MonitoringCategory.SuddenHardship;
        c.Verify(Village, new Verification(day, true, day, category, risks, flood, null, "入户核实属实"), p, day, now);
        if (flood)
        {
            db.Measures.Add(new AssistanceMeasure(c, new MeasureDetails(MeasureType.HousingSafety, "受损房屋应急修缮补助", "县住房和城乡建设局",
                "和建华", day, null, 15000m, MeasureStatus.InProgress, null), Village.Name, now));
            return;
        }
        if (s is Scenario.ReviewDue or Scenario.LateReview) return;

        var reviewDay = s is Scenario.InNotice or Scenario.Objection ? today.AddDays(-Math.Min(ago, p.PublicNoticeDays - 1)) : day.AddDays(1);
        c.RecordVillageReview(Village, new VillageReview(reviewDay, 14, 12, 1, "群众代表评议认为符合纳入条件", reviewDay), p, reviewDay, now);
        if (s == Scenario.InNotice) return;
        if (s == Scenario.Objection)
        {
            c.RaiseObjection(Village, today.AddDays(-1), "同组村民", "认为该户另有经营收入未申报", p, today, now);
            return;
        }
        var closed = reviewDay.AddDays(p.PublicNoticeDays);
        c.CloseNotice(Village, closed, p, closed, now);
        if (s is Scenario.TownshipDue or Scenario.LateTownship) return;
        c.ApproveAtTownship(Township, closed, "同意纳入", p, closed, now);
    }

    private static void PlayElimination(FanghuDbContext db, Household h, MonitoringCase? previous, PolicyParameters p, DateOnly today, DateTimeOffset now)
    {
        var start = today.AddMonths(-8);
        var c = MonitoringCase.Open(h, previous, start, p);
        db.MonitoringCases.Add(c);
        var lead = new Lead(h, c, LeadChannel.CadreVisit, start, now, Village, new LeadDetails("户主因病住院，家庭收入下降", ["01"], "驻村工作队"));
        db.Leads.Add(lead);
        c.Attach(lead, Village, now);
        var category = p.Categories == CategoryScheme.Unified2026 ? MonitoringCategory.Unified
            : h.Type == HouseholdType.FormerlyPoor ? MonitoringCategory.UnstableFormerlyPoor : MonitoringCategory.MarginalAtRisk;
        c.Verify(Village, new Verification(start, true, start, category, ["01"], false, null, null), p, start, now);
        c.RecordVillageReview(Village, new VillageReview(start.AddDays(1), 12, 12, 0, "同意纳入", start.AddDays(1)), p, start.AddDays(1), now);
        var closed = start.AddDays(1 + p.PublicNoticeDays);
        c.CloseNotice(Village, closed, p, closed, now);
        c.ApproveAtTownship(Township, closed, null, p, closed, now);
        c.ApproveAtCounty(County, closed.AddDays(1), "审定纳入", closed.AddDays(1), now);
        db.Measures.Add(new AssistanceMeasure(c, new MeasureDetails(MeasureType.Health, "落实医疗救助和慢病签约服务", "县医疗保障局", "杨医生",
            closed.AddDays(2), closed.AddMonths(3), 6000m, MeasureStatus.Completed, "自付费用降至 2,000 元以内"), Village.Name, now));
        db.Measures.Add(new AssistanceMeasure(c, new MeasureDetails(MeasureType.PublicWelfareJob, "安排生态护林员岗位", "县林业和草原局", "王站长",
            closed.AddDays(10), null, 10000m, MeasureStatus.InProgress, "月收入 800 元"), Village.Name, now));
        var proposed = today.AddDays(-7);
        var check = new EliminationCheck(EliminationMethod.ThroughAssistance, proposed, [new Criterion("演示数据", true, "按演示场景满足")]);
        c.ProposeElimination(Village, proposed, EliminationMethod.ThroughAssistance, check, "{}", p, proposed, now);
        c.RecordVillageReview(Village, new VillageReview(proposed, 11, 11, 0, "同意风险消除", proposed), p, proposed, now);
        var end = proposed.AddDays(p.PublicNoticeDays);
        c.CloseNotice(Village, end, p, end, now);
    }
}
