using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Monitoring;

/// <summary>One precondition of risk elimination, met or not, with the data that decided it.</summary>
public sealed record Criterion(string Name, bool Met, string Data);

/// <summary>
/// The preconditions of risk elimination (§4) for one case on one day, each with the data behind it. A
/// proposal is refused unless every criterion is met.
/// </summary>
public sealed record EliminationCheck(EliminationMethod Method, DateOnly CheckedOn, IReadOnlyList<Criterion> Criteria)
{
    public bool AllMet => Criteria.All(c => c.Met);

    public sealed record Inputs(
        DateOnly? IdentifiedOn,
        EliminationMethod Method,
        PolicyParameters Policy,
        int ImplementedMeasures,
        IncomeAssessment? LatestAssessment,
        IReadOnlyDictionary<GuaranteeAspect, GuaranteeCheck?> Guarantees,
        int MembersWithLabour,
        int Members,
        bool FlaggedWithoutLabour);

    public static EliminationCheck Evaluate(Inputs i, DateOnly today)
    {
        // Any method but the two would be checked as a natural elimination without anyone having chosen it.
        if (!Enum.IsDefined(i.Method)) throw new WorkflowRuleException("请选择风险消除方式：帮扶消除或自然消除");
        var p = i.Policy;
        var list = new List<Criterion>();

        if (i.IdentifiedOn is { } identified)
        {
            var months = FullMonths(identified, today);
            list.Add(new($"纳入监测满 {p.EliminationMinMonths} 个月", identified.AddMonths(p.EliminationMinMonths) <= today,
                $"{identified:yyyy年M月d日}审定纳入，已满 {months} 个月"));
        }
        else list.Add(new($"纳入监测满 {p.EliminationMinMonths} 个月", false, "尚未审定纳入"));

        if (i.Method == EliminationMethod.ThroughAssistance)
            list.Add(new($"至少落实 {p.EliminationMinMeasures} 项帮扶措施", i.ImplementedMeasures >= p.EliminationMinMeasures,
                $"实施中或已完成的措施 {i.ImplementedMeasures} 项"));
        else
            list.Add(new("帮扶措施", true, $"自然消除不要求落实帮扶措施（已落实 {i.ImplementedMeasures} 项）"));

        var income = $"收入稳定超过监测范围（近 {p.EliminationStableIncomeMonths} 个月评估）";
        if (i.LatestAssessment is not { } a)
            list.Add(new(income, false, "尚无收入评估，请先录入近期家庭纯收入"));
        else if (i.IdentifiedOn is { } on && a.AssessedOn < on)
            list.Add(new(income, false, $"最近一次收入评估在 {a.AssessedOn:yyyy年M月d日}，早于纳入监测，请重新评估"));
        else if (a.Months < p.EliminationStableIncomeMonths)
            list.Add(new(income, false, $"最近一次评估只覆盖 {a.Months} 个月，应覆盖近 {p.EliminationStableIncomeMonths} 个月"));
        else
            list.Add(new(income, a.AnnualPerCapita > p.IncomeLine,
                $"{a.AssessedOn:yyyy年M月d日}评估近 {a.Months} 个月家庭纯收入 {a.NetIncome:#,0.##} 元、{a.HouseholdSize} 人，折合人均年纯收入 {a.AnnualPerCapita:#,0} 元；监测范围 {p.IncomeLine:#,0} 元"));

        var aspects = Enum.GetValues<GuaranteeAspect>();
        var missing = aspects.Where(x => i.Guarantees.GetValueOrDefault(x) is null).ToList();
        var insecure = aspects.Where(x => i.Guarantees.GetValueOrDefault(x) is { Secure: false }).ToList();
        var guaranteeData = string.Join("；", aspects.Select(x => i.Guarantees.GetValueOrDefault(x) is { } g
            ? $"{Words.Guarantee.Word(x)}：{(g.Secure ? "有保障" : "无保障")}（{g.CheckedOn:yyyy年M月d日}）"
            : $"{Words.Guarantee.Word(x)}：未核查"));
        list.Add(new("“两不愁三保障”及饮水安全有保障", missing.Count == 0 && insecure.Count == 0, guaranteeData));

        var withoutLabour = i.FlaggedWithoutLabour || i.MembersWithLabour == 0;
        list.Add(new("不是整户无劳动能力", !withoutLabour,
            i.FlaggedWithoutLabour ? "标注为整户无劳动能力户，应长期纳入监测、落实兜底保障"
                : $"家庭成员 {i.Members} 人，其中有劳动能力 {i.MembersWithLabour} 人"));

        return new(i.Method, today, list);
    }

    private static int FullMonths(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (from.AddMonths(months) > to) months--;
        return Math.Max(0, months);
    }
}
