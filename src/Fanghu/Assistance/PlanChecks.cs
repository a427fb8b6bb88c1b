using Fanghu.Monitoring;

namespace Fanghu.Assistance;

/// <summary>
/// The checks of a household's plan (§5.4): every risk type has a matching measure, and a household with labour
/// capacity has a development-type measure within one month of identification. Which measure types answer which
/// risk is a reading of the national guidance, recorded in docs/adr/0004.
/// </summary>
public static class PlanChecks
{
    /// <summary>产业, 就业, 金融, 公益岗位: the measures that raise a household's own income.</summary>
    public static readonly IReadOnlySet<MeasureType> Development = new HashSet<MeasureType>
        { MeasureType.Industry, MeasureType.Employment, MeasureType.Finance, MeasureType.PublicWelfareJob };

    private static readonly MeasureType[] ForDisaster =
    [
        MeasureType.HousingSafety, MeasureType.SocialSecurity, MeasureType.Industry, MeasureType.LivingConditions,
        MeasureType.Infrastructure, MeasureType.Relocation, MeasureType.DrinkingWater, MeasureType.SocialAssistance,
    ];

    /// <summary>The measure types that answer a risk type; 99 其他 is answered by any measure.</summary>
    public static IReadOnlyCollection<MeasureType> Matching(string riskCode) => riskCode switch
    {
        "01" => [MeasureType.Health, MeasureType.SocialSecurity],
        _ when riskCode.StartsWith("02", StringComparison.Ordinal) => ForDisaster,
        "03" => [MeasureType.SocialSecurity, MeasureType.Health, MeasureType.PublicWelfareJob, MeasureType.Employment],
        "04" => [MeasureType.SocialSecurity, MeasureType.PublicWelfareJob, MeasureType.SocialAssistance],
        "05" => [MeasureType.SocialSecurity, MeasureType.Health, MeasureType.SocialAssistance, MeasureType.HousingSafety],
        "06" => [MeasureType.Industry, MeasureType.Finance, MeasureType.Employment],
        "07" => [MeasureType.Employment, MeasureType.PublicWelfareJob],
        "09" => [MeasureType.CompulsoryEducation, MeasureType.OtherEducation],
        "10" => [MeasureType.Health, MeasureType.SocialSecurity, MeasureType.Employment],
        _ => Enum.GetValues<MeasureType>(),
    };

    /// <summary>Risk types of the case that no measure of the plan answers yet (planned measures count).</summary>
    public static IReadOnlyList<string> RisksWithoutMeasure(IEnumerable<string> riskCodes, IEnumerable<MeasureType> measures)
    {
        var have = measures.ToHashSet();
        return [.. riskCodes.Where(r => !Matching(r).Any(have.Contains))];
    }

    /// <summary>
    /// The development-measure check: not applicable without labour capacity or before identification; due one
    /// month after identification; failed after that without a development measure.
    /// </summary>
    public static DevelopmentCheck CheckDevelopment(bool hasLabourCapacity, DateOnly? identifiedOn, IEnumerable<MeasureType> measures, DateOnly today)
    {
        if (!hasLabourCapacity || identifiedOn is not { } identified) return new(DevelopmentState.NotRequired, null);
        var due = identified.AddMonths(1);
        if (measures.Any(Development.Contains)) return new(DevelopmentState.Met, due);
        return new(today > due ? DevelopmentState.Missing : DevelopmentState.DueLater, due);
    }
}

public enum DevelopmentState { NotRequired = 1, Met, DueLater, Missing }

public sealed record DevelopmentCheck(DevelopmentState State, DateOnly? DueOn);
