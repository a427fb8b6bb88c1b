namespace Fanghu.Policy;

/// <summary>
/// A policy set (政策参数): the parameters in force in a region from a date on. Nothing here is a constant
/// in code; each year's income line is a new row, and a county may override its province.
/// </summary>
public sealed class PolicySet
{
    private PolicySet() { RegionCode = ""; }

    public PolicySet(string regionCode, DateOnly validFrom, PolicyParameters p)
    {
        if (regionCode.Length is not (2 or 6) || !regionCode.All(char.IsAsciiDigit))
            throw new ArgumentException("政策适用区域应为省（2 位）或县（6 位）代码", nameof(regionCode));
        RegionCode = regionCode;
        ValidFrom = validFrom;
        Set(p);
    }

    public long Id { get; private set; }

    /// <summary>Province (2 digits) or county (6 digits) code.</summary>
    public string RegionCode { get; private set; }
    public DateOnly ValidFrom { get; private set; }

    /// <summary>监测范围: the monitoring income line, 元 per person per year.</summary>
    public decimal IncomeLine { get; private set; }
    public int IdentificationDays { get; private set; }
    public bool IdentificationInWorkingDays { get; private set; }
    public int PublicNoticeDays { get; private set; }
    public int EliminationMinMonths { get; private set; }
    public int EliminationMinMeasures { get; private set; }
    public int EliminationStableIncomeMonths { get; private set; }
    public int ApplicationEscalationDays { get; private set; }
    public CategoryScheme Categories { get; private set; }

    /// <summary>Days the village has to verify a lead (入户核实).</summary>
    public int VerificationDays { get; private set; }
    /// <summary>Days from verification to the village review and the start of the notice.</summary>
    public int VillageReviewDays { get; private set; }
    public int TownshipReviewDays { get; private set; }
    public int CountyApprovalDays { get; private set; }
    /// <summary>Days the village has to answer an objection raised during the notice.</summary>
    public int ObjectionAnswerDays { get; private set; }

    public PolicyParameters Parameters => new(IncomeLine, IdentificationDays, IdentificationInWorkingDays, PublicNoticeDays,
        EliminationMinMonths, EliminationMinMeasures, EliminationStableIncomeMonths, ApplicationEscalationDays, Categories,
        VerificationDays, VillageReviewDays, TownshipReviewDays, CountyApprovalDays, ObjectionAnswerDays);

    private void Set(PolicyParameters p)
    {
        if (p.IncomeLine <= 0) throw new ArgumentOutOfRangeException(nameof(p), "监测收入线必须大于 0");
        if (p.IdentificationDays <= 0 || p.PublicNoticeDays <= 0 || p.ApplicationEscalationDays <= 0 || p.VerificationDays <= 0
            || p.VillageReviewDays <= 0 || p.TownshipReviewDays <= 0 || p.CountyApprovalDays <= 0 || p.ObjectionAnswerDays <= 0)
            throw new ArgumentOutOfRangeException(nameof(p), "时限必须大于 0");
        IncomeLine = p.IncomeLine;
        IdentificationDays = p.IdentificationDays;
        IdentificationInWorkingDays = p.IdentificationInWorkingDays;
        PublicNoticeDays = p.PublicNoticeDays;
        EliminationMinMonths = p.EliminationMinMonths;
        EliminationMinMeasures = p.EliminationMinMeasures;
        EliminationStableIncomeMonths = p.EliminationStableIncomeMonths;
        ApplicationEscalationDays = p.ApplicationEscalationDays;
        Categories = p.Categories;
        VerificationDays = p.VerificationDays;
        VillageReviewDays = p.VillageReviewDays;
        TownshipReviewDays = p.TownshipReviewDays;
        CountyApprovalDays = p.CountyApprovalDays;
        ObjectionAnswerDays = p.ObjectionAnswerDays;
    }
}

public sealed record PolicyParameters(
    decimal IncomeLine,
    int IdentificationDays,
    bool IdentificationInWorkingDays,
    int PublicNoticeDays,
    int EliminationMinMonths,
    int EliminationMinMeasures,
    int EliminationStableIncomeMonths,
    int ApplicationEscalationDays,
    CategoryScheme Categories,
    int VerificationDays = 2,
    int VillageReviewDays = 3,
    int TownshipReviewDays = 2,
    int CountyApprovalDays = 2,
    int ObjectionAnswerDays = 3)
{
    /// <summary>The limit of one stage of the identification or elimination path, in the policy's kind of days.</summary>
    public int DaysFor(Fanghu.Monitoring.CaseStage stage) => stage switch
    {
        Fanghu.Monitoring.CaseStage.Verification => VerificationDays,
        Fanghu.Monitoring.CaseStage.VillageReview or Fanghu.Monitoring.CaseStage.EliminationVillageReview => VillageReviewDays,
        Fanghu.Monitoring.CaseStage.TownshipReview or Fanghu.Monitoring.CaseStage.EliminationTownshipReview => TownshipReviewDays,
        Fanghu.Monitoring.CaseStage.CountyApproval or Fanghu.Monitoring.CaseStage.EliminationCountyApproval => CountyApprovalDays,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "该环节没有单独时限"),
    };
}

/// <summary>
/// Which names the monitoring categories carry: 2021–2025 three categories (脱贫不稳定户 / 边缘易致贫户 /
/// 突发严重困难户); from 2026 one (防止返贫致贫对象).
/// </summary>
public enum CategoryScheme { ThreeCategories2021 = 1, Unified2026 = 2 }

/// <summary>Finds the policy set in force on a date for a place.</summary>
public static class PolicyLookup
{
    /// <summary>
    /// The latest set valid on the date among the county's and its province's; on the same date the county's
    /// wins. So a county override holds until either the county or the province publishes a newer set — a
    /// county's 2021 line can't outlive the province's 2024 one by accident. Null before the first set.
    /// </summary>
    public static PolicySet? InForce(IEnumerable<PolicySet> sets, string divisionCode, DateOnly date)
    {
        var county = divisionCode.Length >= 6 ? divisionCode[..6] : null;
        var province = divisionCode[..2];
        PolicySet? best = null;
        foreach (var s in sets)
        {
            if (s.ValidFrom > date) continue;
            if (s.RegionCode != county && s.RegionCode != province) continue;
            if (best is null || s.ValidFrom > best.ValidFrom || (s.ValidFrom == best.ValidFrom && s.RegionCode.Length > best.RegionCode.Length))
                best = s;
        }
        return best;
    }
}

/// <summary>The policy sets Fanghu ships with (DESIGN §4), for Yunnan (53).</summary>
public static class DefaultPolicies
{
    public static IReadOnlyList<PolicySet> Yunnan()
    {
        static PolicyParameters P(decimal line, CategoryScheme scheme) =>
            new(line, IdentificationDays: 15, IdentificationInWorkingDays: false, PublicNoticeDays: 5,
                EliminationMinMonths: 6, EliminationMinMeasures: 1, EliminationStableIncomeMonths: 6,
                ApplicationEscalationDays: 10, scheme);
        return
        [
            new PolicySet("53", new DateOnly(2021, 1, 1), P(6000m, CategoryScheme.ThreeCategories2021)),
            new PolicySet("53", new DateOnly(2023, 1, 1), P(8050m, CategoryScheme.ThreeCategories2021)),
            new PolicySet("53", new DateOnly(2024, 1, 1), P(8700m, CategoryScheme.ThreeCategories2021)),
            new PolicySet("53", new DateOnly(2025, 1, 1), P(8700m, CategoryScheme.ThreeCategories2021)),
            new PolicySet("53", new DateOnly(2026, 1, 1), P(8700m, CategoryScheme.Unified2026)),
        ];
    }
}
