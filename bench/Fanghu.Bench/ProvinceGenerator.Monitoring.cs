using Fanghu.Accounts;
using Fanghu.Assistance;
using Fanghu.Monitoring;

namespace Fanghu.Bench;

/// <summary>The generator's monitoring tables: episodes, their leads, steps and measures.</summary>
internal sealed partial class ProvinceGenerator
{
    // Monitoring episodes, their leads, steps and measures.

    public static readonly string[] CaseProperties =
    [
        "Id", "HouseholdId", "Episode", "Origin", "Stage", "IsReEntry", "OpenedOn", "Category", "RiskTypeCodes", "FastTrack",
        "ConsentOn", "VerifiedOn", "IdentificationDueOn", "IdentifiedOn", "StageEnteredOn", "StageDueOn", "NoticeStartedOn",
        "NoticeDays", "PausedSince", "PausedDays", "EliminationProposedOn", "EliminatedOn", "EliminationMethod",
        "EliminationSnapshot", "ClosingReason", "Version",
    ];

    public async Task CasesAsync(IRowSink sink)
    {
        var row = new object?[CaseProperties.Length];
        long id = 0;
        foreach (var f in Households())
        {
            if (f.Episodes == 0) continue;
            foreach (var c in Episodes(f))
            {
                row[0] = ++id; row[1] = f.Id; row[2] = c.Episode; row[3] = c.Origin; row[4] = c.Stage; row[5] = c.IsReEntry;
                row[6] = c.OpenedOn; row[7] = c.Category; row[8] = c.RiskTypeCodes; row[9] = false; row[10] = c.VerifiedOn;
                row[11] = c.VerifiedOn; row[12] = c.Origin == CaseOrigin.Workflow ? c.OpenedOn.AddDays(15) : null;
                row[13] = c.IdentifiedOn; row[14] = c.StageEnteredOn; row[15] = c.StageDueOn; row[16] = c.NoticeStartedOn;
                row[17] = c.NoticeStartedOn is null ? 0 : 5; row[18] = null; row[19] = 0; row[20] = c.EliminationProposedOn;
                row[21] = c.EliminatedOn; row[22] = c.EliminationMethod; row[23] = null; row[24] = c.ClosingReason;
                row[25] = 1 + c.Steps.Count;
                await sink.AddAsync(row);
            }
        }
    }

    public static readonly string[] LeadProperties =
    [
        "Id", "HouseholdId", "CaseId", "Channel", "ReportedOn", "RecordedAt", "RecordedById", "RecordedByName", "Summary",
        "RiskTypeCodes", "Reporter", "EstimatedIncome12Months", "SourceKey",
    ];

    public async Task LeadsAsync(IRowSink sink)
    {
        var row = new object?[LeadProperties.Length];
        long id = 0, caseId = 0;
        foreach (var f in Households())
        {
            if (f.Episodes == 0) continue;
            foreach (var c in Episodes(f))
            {
                caseId++;
                if (c.Origin != CaseOrigin.Workflow) continue;
                var channel = c.Channel;
                row[0] = ++id; row[1] = f.Id; row[2] = caseId; row[3] = channel; row[4] = c.OpenedOn; row[5] = At(c.OpenedOn);
                row[6] = channel == LeadChannel.CadreVisit ? "bench-village" : "system"; row[7] = channel == LeadChannel.CadreVisit ? "驻村工作队" : "系统";
                row[8] = channel switch
                {
                    LeadChannel.SelfDeclaration => "农户自主申报：家庭遇到困难，申请帮扶",
                    LeadChannel.CadreVisit => "干部走访发现家庭存在返贫致贫风险",
                    LeadChannel.DepartmentWarning => "部门筛查预警",
                    _ => "年度收入低于监测范围",
                };
                row[9] = c.RiskTypeCodes; row[10] = channel == LeadChannel.DepartmentWarning ? "县医保局" : null;
                row[11] = channel == LeadChannel.CadreVisit ? Money(5_000 + (caseId * 7919 % 30_000)) : null;
                row[12] = channel is LeadChannel.DepartmentWarning or LeadChannel.IncomeMonitoring ? $"bench:{caseId}" : null;
                await sink.AddAsync(row);
            }
        }
    }

    public static readonly string[] StepProperties =
        ["Id", "CaseId", "Kind", "On", "RecordedAt", "ActorId", "ActorName", "ActorRole", "From", "To", "Note", "Attendees", "VotesFor", "VotesAgainst"];

    public async Task StepsAsync(IRowSink sink)
    {
        var row = new object?[StepProperties.Length];
        long id = 0, caseId = 0;
        foreach (var f in Households())
        {
            if (f.Episodes == 0) continue;
            foreach (var c in Episodes(f))
            {
                caseId++;
                foreach (var s in c.Steps)
                {
                    var role = s.Kind switch
                    {
                        StepKind.TownshipApproved => Role.Township,
                        StepKind.CountyApproved or StepKind.Eliminated => Role.County,
                        StepKind.LeadOpened or StepKind.ReEntered when c.Channel != LeadChannel.CadreVisit => Role.Admin,
                        _ => Role.Village,
                    };
                    row[0] = ++id; row[1] = caseId; row[2] = s.Kind; row[3] = s.On; row[4] = At(s.On);
                    row[5] = role switch { Role.Township => "bench-township", Role.County => "bench-county", Role.Admin => "system", _ => "bench-village" };
                    row[6] = role switch { Role.Township => "乡镇审核员", Role.County => "县乡村振兴局", Role.Admin => "系统", _ => "村干部" };
                    row[7] = role; row[8] = s.From; row[9] = s.To; row[10] = s.Note;
                    var review = s.Kind == StepKind.VillageReviewed;
                    row[11] = review ? 25 + (int)(id % 20) : null;
                    row[12] = review ? (s.To == CaseStage.Dismissed ? 8 : 22) + (int)(id % 3) : null;
                    row[13] = review ? (s.To == CaseStage.Dismissed ? 14 : 1) : null;
                    await sink.AddAsync(row);
                }
            }
        }
    }

    public static readonly string[] MeasureProperties =
    [
        "Id", "HouseholdId", "CaseId", "Type", "Content", "ResponsibleUnit", "ResponsiblePerson", "StartOn", "EndOn", "Amount",
        "Status", "Effect", "CreatedBy", "CreatedAt", "Version",
    ];

    public async Task MeasuresAsync(IRowSink sink)
    {
        var row = new object?[MeasureProperties.Length];
        long id = 0, caseId = 0;
        foreach (var f in Households())
        {
            if (f.Episodes == 0) continue;
            foreach (var c in Episodes(f))
            {
                caseId++;
                foreach (var m in c.Measures)
                {
                    row[0] = ++id; row[1] = f.Id; row[2] = caseId; row[3] = m.Type; row[4] = MeasureContent(m.Type);
                    row[5] = MeasureUnit(m.Type); row[6] = "帮扶责任人"; row[7] = m.StartOn; row[8] = m.EndOn; row[9] = m.Amount;
                    row[10] = m.Status; row[11] = m.Status == MeasureStatus.Completed ? "已落实，效果良好" : null; row[12] = "bench";
                    row[13] = At(m.StartOn); row[14] = 1;
                    await sink.AddAsync(row);
                }
            }
        }
    }

    private static string MeasureContent(MeasureType t) => t switch
    {
        MeasureType.Industry => "发放产业奖补，发展特色种养",
        MeasureType.Employment => "推荐转移就业，落实稳岗补贴",
        MeasureType.Finance => "发放脱贫人口小额信贷",
        MeasureType.PublicWelfareJob => "安排乡村公益性岗位",
        MeasureType.Health => "落实医疗保障和家庭医生签约服务",
        MeasureType.CompulsoryEducation => "劝返复学，落实教育资助",
        MeasureType.OtherEducation => "雨露计划职业教育补助",
        MeasureType.SocialSecurity => "纳入低保或临时救助",
        MeasureType.HousingSafety => "实施农村危房改造",
        MeasureType.DrinkingWater => "实施饮水安全巩固提升",
        MeasureType.SocialAssistance => "结对帮扶，社会捐助",
        MeasureType.Relocation => "易地搬迁后续扶持",
        MeasureType.LivingConditions => "改善生产生活条件",
        _ => "完善村内基础设施",
    };

    private static string MeasureUnit(MeasureType t) => t switch
    {
        MeasureType.Industry or MeasureType.Finance or MeasureType.LivingConditions => "县农业农村局",
        MeasureType.Employment or MeasureType.PublicWelfareJob => "县人力资源和社会保障局",
        MeasureType.Health => "县医疗保障局",
        MeasureType.CompulsoryEducation or MeasureType.OtherEducation => "县教育体育局",
        MeasureType.SocialSecurity => "县民政局",
        MeasureType.HousingSafety => "县住房和城乡建设局",
        MeasureType.DrinkingWater => "县水务局",
        _ => "乡镇人民政府",
    };

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero); // 10:00 in China, in UTC

    internal sealed record StepPlan(StepKind Kind, DateOnly On, CaseStage From, CaseStage To, string? Note);

    internal sealed record MeasurePlan(MeasureType Type, DateOnly StartOn, DateOnly? EndOn, decimal? Amount, MeasureStatus Status);

    internal sealed class EpisodePlan
    {
        public int Episode;
        public CaseOrigin Origin;
        public CaseStage Stage;
        public bool IsReEntry;
        public LeadChannel Channel;
        public DateOnly OpenedOn;
        public MonitoringCategory? Category;
        public string RiskTypeCodes = "";
        public DateOnly? VerifiedOn;
        public DateOnly? IdentifiedOn;
        public DateOnly StageEnteredOn;
        public DateOnly? StageDueOn;
        public DateOnly? NoticeStartedOn;
        public DateOnly? EliminationProposedOn;
        public DateOnly? EliminatedOn;
        public EliminationMethod? EliminationMethod;
        public string? ClosingReason;
        public readonly List<StepPlan> Steps = [];
        public readonly List<MeasurePlan> Measures = [];
        public bool Identified => IdentifiedOn is not null;
    }

    private static readonly (string Code, int Weight)[] RiskWeights =
    [
        ("01", 30), ("0201", 3), ("0202", 3), ("0203", 2), ("0205", 1), ("0206", 1), ("03", 12), ("04", 12), ("05", 6),
        ("06", 5), ("07", 12), ("09", 8), ("10", 2), ("99", 3),
    ];

    private static readonly int RiskWeightTotal = RiskWeights.Sum(w => w.Weight);

    /// <summary>The household's episodes, oldest first; the same for every pass.</summary>
    public List<EpisodePlan> Episodes(HouseholdFacts f)
    {
        var r = new SplitMix(ProvinceLayout.Hash((ulong)f.Index, 7));
        var list = new List<EpisodePlan>(f.Episodes);
        if (f.Episodes == 2)
        {
            // The first episode is closed before the second opens: eliminated (never without labour capacity) or dismissed.
            var firstOutcome = !f.NoLabour && r.Below(100) < 85 ? Outcome.Eliminated : Outcome.Dismissed;
            var first = Plan(r, f, 1, RandomDay(r, FirstDay, new DateOnly(2023, 6, 30)), firstOutcome, null, closeSoon: true);
            list.Add(first);
            var after = first.StageEnteredOn.AddDays(30 + r.Below(370));
            if (after > new DateOnly(2025, 12, 15)) after = new DateOnly(2025, 12, 15);
            list.Add(Plan(r, f, 2, after, FinalOutcome(r), first, closeSoon: false));
        }
        else
        {
            var outcome = FinalOutcome(r);
            var opened = outcome == Outcome.InIdentification
                ? RandomDay(r, new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 25))
                : EarlyDay(r, FirstDay, new DateOnly(2025, 10, 31));
            list.Add(Plan(r, f, 1, opened, outcome, null, closeSoon: false));
        }
        return list;
    }

    private enum Outcome { Eliminated, Monitored, InElimination, InIdentification, Dismissed }

    private static Outcome FinalOutcome(SplitMix r) => r.Below(100) switch
    {
        < 66 => Outcome.Eliminated,
        < 83 => Outcome.Monitored,
        < 87 => Outcome.InElimination,
        < 93 => Outcome.InIdentification,
        _ => Outcome.Dismissed,
    };

    private static EpisodePlan Plan(SplitMix r, HouseholdFacts f, int episode, DateOnly lead, Outcome outcome, EpisodePlan? previous, bool closeSoon)
    {
        var c = new EpisodePlan
        {
            Episode = episode,
            OpenedOn = lead,
            IsReEntry = previous?.Stage == CaseStage.Eliminated,
            Channel = r.Below(100) switch { < 20 => LeadChannel.SelfDeclaration, < 60 => LeadChannel.CadreVisit, < 85 => LeadChannel.DepartmentWarning, _ => LeadChannel.IncomeMonitoring },
        };
        // Risks: one to three distinct codes, ordered.
        var risks = new SortedSet<string>(StringComparer.Ordinal);
        var count = r.Below(100) switch { < 60 => 1, < 90 => 2, _ => 3 };
        while (risks.Count < count)
        {
            var pick = r.Below(RiskWeightTotal);
            foreach (var (code, weight) in RiskWeights)
            {
                if ((pick -= weight) < 0) { risks.Add(code); break; }
            }
        }
        c.RiskTypeCodes = string.Join(';', risks);
        var category = r.Below(100) < (f.FormerlyPoor ? 10 : 15) ? MonitoringCategory.SuddenHardship
            : f.FormerlyPoor ? MonitoringCategory.UnstableFormerlyPoor : MonitoringCategory.MarginalAtRisk;

        // Migrated from the national system: episodes of 2021 that reached identification, without lead or steps.
        if (lead.Year == 2021 && outcome is Outcome.Eliminated or Outcome.Monitored && previous is null && r.Below(100) < 40)
        {
            c.Origin = CaseOrigin.Imported;
            c.Category = category;
            c.IdentifiedOn = lead;
            var eliminated = lead.AddDays(180 + r.Below(closeSoon ? 360 : 900));
            if (outcome == Outcome.Eliminated && eliminated <= DataEnd && !f.NoLabour)
            {
                c.Stage = CaseStage.Eliminated;
                c.EliminatedOn = eliminated;
                c.EliminationMethod = r.Below(100) < 85 ? EliminationMethod.ThroughAssistance : EliminationMethod.Natural;
            }
            else c.Stage = CaseStage.Monitored;
            c.StageEnteredOn = c.EliminatedOn ?? lead;
            AddMeasures(c, r, f);
            return c;
        }

        c.Origin = CaseOrigin.Workflow;
        var day = lead;
        Step(c, previous?.Stage == CaseStage.Eliminated ? StepKind.ReEntered : StepKind.LeadOpened, day, CaseStage.Verification, CaseStage.Verification, null);
        c.Stage = CaseStage.Verification;
        var stop = outcome == Outcome.InIdentification ? (CaseStage)(1 + r.Below(5)) : (CaseStage?)null;
        var dismissAtReview = outcome == Outcome.Dismissed && r.Below(100) < 40;
        if (stop == CaseStage.Verification) return Waiting(c, day, 7);

        day = day.AddDays(1 + r.Below(5));
        if (outcome == Outcome.Dismissed && !dismissAtReview)
            return Dismiss(c, StepKind.Dismissed, day, CaseStage.Verification, "经入户核实，家庭人均纯收入高于监测范围且无返贫致贫风险，不予纳入");
        c.VerifiedOn = day;
        c.Category = category;
        Step(c, StepKind.Verified, day, CaseStage.Verification, CaseStage.VillageReview, "已入户核实并取得承诺授权");
        if (stop == CaseStage.VillageReview) return Waiting(c, day, 5);

        day = day.AddDays(1 + r.Below(4));
        if (dismissAtReview) return Dismiss(c, StepKind.VillageReviewed, day, CaseStage.VillageReview, "民主评议未通过");
        c.NoticeStartedOn = day;
        Step(c, StepKind.VillageReviewed, day, CaseStage.VillageReview, CaseStage.PublicNotice, "民主评议通过，进行公示");
        if (stop == CaseStage.PublicNotice) return Waiting(c, day, 5);

        day = day.AddDays(5);
        Step(c, StepKind.NoticeClosed, day, CaseStage.PublicNotice, CaseStage.TownshipReview, "公示无异议");
        if (stop == CaseStage.TownshipReview) return Waiting(c, day, 3);
        day = day.AddDays(1 + r.Below(3));
        Step(c, StepKind.TownshipApproved, day, CaseStage.TownshipReview, CaseStage.CountyApproval, "同意");
        if (stop == CaseStage.CountyApproval) return Waiting(c, day, 3);
        day = day.AddDays(1 + r.Below(4));
        Step(c, StepKind.CountyApproved, day, CaseStage.CountyApproval, CaseStage.Monitored, "审定纳入监测");
        c.IdentifiedOn = day;
        c.Stage = CaseStage.Monitored;
        c.StageEnteredOn = day;
        AddMeasures(c, r, f);

        // Risk elimination: 6 months to 2.5 years after identification, the same village → notice → township → county
        // path; never for a household without labour capacity, never after the data's last day.
        // (An episode identified late in the span is eliminated as soon as it may be, if at all.)
        var proposed = day.AddDays(180 + r.Below(closeSoon ? 360 : 540));
        if (proposed.AddDays(30) > DataEnd) proposed = DataEnd.AddDays(-30 - r.Below(60));
        if (outcome is Outcome.Monitored or Outcome.InIdentification || f.NoLabour || proposed < day.AddDays(180)) return c;
        var elimStop = outcome == Outcome.InElimination ? (CaseStage)(8 + r.Below(4)) : (CaseStage?)null;
        c.EliminationProposedOn = proposed;
        Step(c, StepKind.EliminationProposed, proposed, CaseStage.Monitored, CaseStage.EliminationVillageReview, "收入持续稳定，风险已消除");
        c.Stage = CaseStage.EliminationVillageReview;
        if (elimStop == CaseStage.EliminationVillageReview) return Waiting(c, proposed, 5);
        day = proposed.AddDays(1 + r.Below(5));
        c.NoticeStartedOn = day;
        Step(c, StepKind.VillageReviewed, day, CaseStage.EliminationVillageReview, CaseStage.EliminationNotice, "民主评议通过，进行公示");
        if (elimStop == CaseStage.EliminationNotice) return Waiting(c, day, 5);
        day = day.AddDays(5);
        Step(c, StepKind.NoticeClosed, day, CaseStage.EliminationNotice, CaseStage.EliminationTownshipReview, "公示无异议");
        if (elimStop == CaseStage.EliminationTownshipReview) return Waiting(c, day, 3);
        day = day.AddDays(1 + r.Below(3));
        Step(c, StepKind.TownshipApproved, day, CaseStage.EliminationTownshipReview, CaseStage.EliminationCountyApproval, "同意");
        if (elimStop == CaseStage.EliminationCountyApproval) return Waiting(c, day, 3);
        day = day.AddDays(1 + r.Below(4));
        Step(c, StepKind.Eliminated, day, CaseStage.EliminationCountyApproval, CaseStage.Eliminated, "审定风险消除");
        c.Stage = CaseStage.Eliminated;
        c.StageEnteredOn = day;
        c.EliminatedOn = day;
        c.EliminationMethod = r.Below(100) < 85 ? EliminationMethod.ThroughAssistance : EliminationMethod.Natural;
        foreach (var m in c.Measures.ToList())
        {
            if (m.Status == MeasureStatus.Completed) continue;
            c.Measures[c.Measures.IndexOf(m)] = m with { Status = MeasureStatus.Completed, EndOn = m.StartOn.AddDays(Math.Max(1, (day.DayNumber - m.StartOn.DayNumber) / 2)) };
        }
        return c;
    }

    private static void Step(EpisodePlan c, StepKind kind, DateOnly on, CaseStage from, CaseStage to, string? note)
    {
        c.Steps.Add(new StepPlan(kind, on, from, to, note));
        c.Stage = to;
        c.StageEnteredOn = on;
        c.StageDueOn = null;
    }

    private static EpisodePlan Waiting(EpisodePlan c, DateOnly since, int days)
    {
        c.StageEnteredOn = since;
        c.StageDueOn = since.AddDays(days);
        return c;
    }

    private static EpisodePlan Dismiss(EpisodePlan c, StepKind kind, DateOnly on, CaseStage from, string reason)
    {
        Step(c, kind, on, from, CaseStage.Dismissed, reason);
        c.ClosingReason = reason;
        return c;
    }

    /// <summary>
    /// Most identified episodes get a measure answering each risk type and, with labour capacity, a development
    /// measure; 7 % miss the measure of their first risk (the report's mismatch list), 5 % have none yet.
    /// </summary>
    private static void AddMeasures(EpisodePlan c, SplitMix r, HouseholdFacts f)
    {
        var identified = c.IdentifiedOn!.Value;
        var roll = r.Below(100);
        if (roll < 5) return;
        var risks = c.RiskTypeCodes.Split(';');
        var types = new List<MeasureType>();
        for (var i = roll < 12 ? 1 : 0; i < risks.Length; i++)
        {
            var matching = PlanChecks.Matching(risks[i]).ToArray();
            var type = matching[r.Below(matching.Length)];
            if (!types.Contains(type)) types.Add(type);
        }
        if (!f.NoLabour && r.Below(100) < 85 && !types.Any(PlanChecks.Development.Contains))
        {
            var development = PlanChecks.Development.ToArray();
            var type = development[r.Below(development.Length)];
            // The mismatched episode must stay mismatched: a development measure may answer its first risk.
            if (roll >= 12 || !PlanChecks.Matching(risks[0]).Contains(type)) types.Add(type);
        }
        foreach (var type in types)
        {
            var start = identified.AddDays(r.Below(30));
            if (start > DataEnd) start = DataEnd;
            var done = c.EliminatedOn is not null || r.Below(100) < 20;
            var status = done ? MeasureStatus.Completed : r.Below(100) < 75 ? MeasureStatus.InProgress : MeasureStatus.Planned;
            DateOnly? end = status == MeasureStatus.Completed ? Min(start.AddDays(30 + r.Below(270)), c.EliminatedOn ?? DataEnd) : null;
            if (end < start) end = start;
            decimal? amount = type is MeasureType.Industry or MeasureType.Finance or MeasureType.HousingSafety or MeasureType.SocialSecurity
                ? 1_000 + r.Below(49) * 1_000 : null;
            c.Measures.Add(new MeasurePlan(type, start, end, amount, status));
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
