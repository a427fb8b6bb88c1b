using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Registry;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>
/// The income report's test registry, every figure of which is worked out by hand in the tests. On top of
/// <see cref="Synthetic.DivisionsCsv"/> it adds a second county (德钦县 533422 › 升平镇 › 阿东村). Amounts in 元, as
/// (工资性, 生产经营性收入, 生产经营性支出, 财产性, 转移性) → 家庭纯收入; persons are the members on 31 December:
/// <code>
///         village            type     members 2020/2021       2020                               2021                               monitored
/// P1      尼史村 (A)         脱贫户   3 / 4 (born 2021-05-01)  (18000, 8000, 3000, 500, 2500) 26000 (20000, 10000, 4000, 1000, 3000) 30000  —
/// P2      尼史村 (A)         脱贫户   3 / 3                    (9000, 0, 0, 0, 1500) 10500      (9000, 0, 0, 0, 2001) 11001        2019-05-01 … eliminated 2021-08-31
/// P3      尼史村 (A)         脱贫户   2 / 2                    (4992, 0, 0, 0, 0) 4992          no record                          —
/// O1      尼史村 (A)         一般农户 2 / 2                    (7000, 0, 0, 0, 500) 7500        (6000, 3000, 1500, 0, 2500) 10000  2021-03-01, not eliminated
/// O2      尼史村 (A)         一般农户 3 / 3                    no record                        (30000, 0, 0, 0, 0) 30000          —
/// P4      诺西村 (B)         脱贫户   1 / 1                    (0, 0, 0, 0, 6000) 6000          (0, 5000, 6000, 0, 8000) 7000      —
/// P5      诺西村 (B)         脱贫户   1 / 0 (died 2021-06-30)  no record                        (50000, 0, 0, 0, 0) 50000          —
/// P6      团结村 (小中甸镇)  脱贫户   2 / 2                    (8000, 0, 0, 0, 2000) 10000      (10000, 0, 0, 0, 2000) 12000       2020-03-01 … eliminated 2020-10-31
/// P7      阿东村 (德钦县)    脱贫户   5 / 5                    no record                        (100000, 0, 0, 0, 0) 100000        —
/// </code>
/// </summary>
public static class IncomeReportWorld
{
    public const string OtherCounty = "533422", OtherCountyVillage = "533422100201";

    public static async Task ArrangeAsync(TestDatabase database)
    {
        await using var db = database.Context();
        db.Divisions.AddRange(
            new Division(DivisionCode.Parse(OtherCounty), "德钦县", DivisionCode.Parse(Synthetic.Prefecture)),
            new Division(DivisionCode.Parse("533422100"), "升平镇", DivisionCode.Parse(OtherCounty)),
            new Division(DivisionCode.Parse(OtherCountyVillage), "阿东村", DivisionCode.Parse("533422100")));
        var person = 0;

        var p1 = Household(db, "P1", Synthetic.VillageA, HouseholdType.FormerlyPoor, 3, ref person);
        p1.AddMember("新生儿", Id(person++), Details(Relation.Son), memberFrom: new DateOnly(2021, 5, 1));
        p1.SetIncome(2020, new IncomeAmounts(18000m, 8000m, 3000m, 500m, 2500m));
        p1.SetIncome(2021, new IncomeAmounts(20000m, 10000m, 4000m, 1000m, 3000m));

        var p2 = Household(db, "P2", Synthetic.VillageA, HouseholdType.FormerlyPoor, 3, ref person);
        p2.SetIncome(2020, new IncomeAmounts(9000m, 0m, 0m, 0m, 1500m));
        p2.SetIncome(2021, new IncomeAmounts(9000m, 0m, 0m, 0m, 2001m));
        db.MonitoringCases.Add(new MonitoringCase(p2, 1, MonitoringCategory.UnstableFormerlyPoor, ["01"], new DateOnly(2019, 5, 1), CaseOrigin.Imported,
            new DateOnly(2021, 8, 31), EliminationMethod.ThroughAssistance));

        var p3 = Household(db, "P3", Synthetic.VillageA, HouseholdType.FormerlyPoor, 2, ref person);
        p3.SetIncome(2020, new IncomeAmounts(4992m, 0m, 0m, 0m, 0m));

        var o1 = Household(db, "O1", Synthetic.VillageA, HouseholdType.Ordinary, 2, ref person);
        o1.SetIncome(2020, new IncomeAmounts(7000m, 0m, 0m, 0m, 500m));
        o1.SetIncome(2021, new IncomeAmounts(6000m, 3000m, 1500m, 0m, 2500m));
        db.MonitoringCases.Add(new MonitoringCase(o1, 1, MonitoringCategory.MarginalAtRisk, ["01"], new DateOnly(2021, 3, 1), CaseOrigin.Imported));

        var o2 = Household(db, "O2", Synthetic.VillageA, HouseholdType.Ordinary, 3, ref person);
        o2.SetIncome(2021, new IncomeAmounts(30000m, 0m, 0m, 0m, 0m));

        var p4 = Household(db, "P4", Synthetic.VillageB, HouseholdType.FormerlyPoor, 1, ref person);
        p4.SetIncome(2020, new IncomeAmounts(0m, 0m, 0m, 0m, 6000m));
        p4.SetIncome(2021, new IncomeAmounts(0m, 5000m, 6000m, 0m, 8000m));

        var p5 = Household(db, "P5", Synthetic.VillageB, HouseholdType.FormerlyPoor, 1, ref person);
        p5.RecordChange(ChangeKind.Death, new DateOnly(2021, 6, 30), p5.Members[0]);
        p5.SetIncome(2021, new IncomeAmounts(50000m, 0m, 0m, 0m, 0m));

        var p6 = Household(db, "P6", Synthetic.OtherTownshipVillage, HouseholdType.FormerlyPoor, 2, ref person);
        p6.SetIncome(2020, new IncomeAmounts(8000m, 0m, 0m, 0m, 2000m));
        p6.SetIncome(2021, new IncomeAmounts(10000m, 0m, 0m, 0m, 2000m));
        db.MonitoringCases.Add(new MonitoringCase(p6, 1, MonitoringCategory.UnstableFormerlyPoor, ["01"], new DateOnly(2020, 3, 1), CaseOrigin.Imported,
            new DateOnly(2020, 10, 31), EliminationMethod.Natural));

        var p7 = Household(db, "P7", OtherCountyVillage, HouseholdType.FormerlyPoor, 5, ref person);
        p7.SetIncome(2021, new IncomeAmounts(100000m, 0m, 0m, 0m, 0m));

        await db.SaveChangesAsync();
    }

    private static Household Household(FanghuDbContext db, string name, string village, HouseholdType type, int members, ref int person)
    {
        var household = new Household($"{village}-{name}", DivisionCode.Parse(village), type);
        for (var i = 0; i < members; i++)
            household.AddMember($"{name}成员{i + 1}", Id(person++), Details(i == 0 ? Relation.Head : Relation.Other), memberFrom: new DateOnly(2015, 1, 1));
        db.Households.Add(household);
        return household;
    }

    private static IdNumber Id(int n) => IdNumber.Parse(Synthetic.Id(n)).Value!.Value;

    private static PersonDetails Details(Relation relation) =>
        new(relation, "藏族", HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool,
            Employment.WithinCounty, 6, true, true, null);
}
