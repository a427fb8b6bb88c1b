using Fanghu.Demo;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;

namespace Fanghu.Tests.Demo;

/// <summary>Generates the demo prefecture once (in memory, under a second) for all tests of the class.</summary>
public sealed class GeneratedPrefecture
{
    public IReadOnlyList<Division> Divisions { get; } = DemoGenerator.Divisions();
    public IReadOnlyList<DemoHousehold> Households { get; } = new DemoGenerator().Households().ToList();
    public IEnumerable<Person> Persons => Households.SelectMany(h => h.Household.Members);
}

public class DemoGeneratorTests(GeneratedPrefecture demo) : IClassFixture<GeneratedPrefecture>
{
    private static readonly DateOnly AsOf = DemoGenerator.AsOf;

    [Fact]
    public void The_prefecture_has_three_counties_twenty_nine_townships_and_about_two_hundred_villages()
    {
        var byLevel = demo.Divisions.GroupBy(d => d.Level).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(1, byLevel[DivisionLevel.Prefecture]);
        Assert.Equal(3, byLevel[DivisionLevel.County]);
        Assert.Equal(29, byLevel[DivisionLevel.Township]);
        Assert.InRange(byLevel[DivisionLevel.Village], 180, 210);
        Assert.Equal(["533401", "533422", "533423"], demo.Divisions.Where(d => d.Level == DivisionLevel.County).Select(d => d.Code));
    }

    [Fact]
    public void Every_division_code_is_unique_and_its_parent_comes_before_it()
    {
        var seen = new HashSet<string> { DemoPrefecture.ProvinceCode };
        foreach (var d in demo.Divisions)
        {
            Assert.Contains(d.ParentCode!, seen);
            Assert.True(seen.Add(d.Code), $"{d.Code} twice");
        }
    }

    [Fact]
    public void The_named_codes_are_the_first_township_and_its_first_two_villages()
    {
        var names = demo.Divisions.ToDictionary(d => d.Code, d => d.Name);

        Assert.Equal("建塘镇", names[DemoPrefecture.FirstTownshipCode]);
        Assert.Equal("533401100", DivisionCode.Parse(DemoPrefecture.FirstVillageCode).ParentPrefix);
        Assert.Equal("533401100", DivisionCode.Parse(DemoPrefecture.SecondVillageCode).ParentPrefix);
        Assert.Equal("香格里拉市", names[DemoPrefecture.ShangriLaCode]);
        Assert.Equal("德钦县", names[DemoPrefecture.DeqenCode]);
        Assert.Equal("维西傈僳族自治县", names[DemoPrefecture.WeixiCode]);
    }

    [Fact]
    public void Every_demo_account_works_in_divisions_the_generator_creates()
    {
        var codes = demo.Divisions.Select(d => d.Code).ToHashSet();

        Assert.Equal(7, DemoAccounts.All.Select(a => a.Role).Distinct().Count());
        foreach (var account in DemoAccounts.All)
            Assert.All(account.DivisionCodes, c => Assert.Contains(c, codes));
        Assert.Equal("医保", Assert.Single(DemoAccounts.All, a => a.Role == Fanghu.Accounts.Role.Department).Department);
    }

    [Fact]
    public void There_are_about_twenty_thousand_households_of_about_four_persons()
    {
        Assert.InRange(demo.Households.Count, 18_000, 22_000);
        Assert.InRange((double)demo.Persons.Count() / demo.Households.Count, 3.6, 4.4);
        Assert.Equal(demo.Households.Count, demo.Households.Select(h => h.Household.Number).Distinct().Count());
    }

    [Fact]
    public void All_generated_ID_numbers_are_checksum_valid_and_unique()
    {
        var ids = new HashSet<string>();
        foreach (var (household, person) in demo.Households.SelectMany(h => h.Household.Members.Select(m => (h.Household, m))))
        {
            var parsed = IdNumber.Parse(person.IdNumber);
            Assert.True(parsed.Ok, parsed.Error);
            Assert.True(ids.Add(person.IdNumber), $"{person.IdNumber} twice");
            Assert.Equal(household.CountyCode, parsed.Value!.Value.RegionCode);
            Assert.Equal(parsed.Value.Value.Gender, person.Gender);
            Assert.Equal(parsed.Value.Value.BirthDate, person.BirthDate);
            Assert.True(person.BirthDate <= AsOf);
        }
    }

    [Fact]
    public void Every_household_has_exactly_one_head_who_is_a_current_adult_member()
    {
        Assert.All(demo.Households, h =>
        {
            var head = Assert.Single(h.Household.Members, m => m.Relation == Relation.Head);
            Assert.True(head.IsMemberOn(AsOf));
            Assert.True(head.AgeOn(AsOf) >= 18);
        });
    }

    [Fact]
    public void Schooling_and_labour_are_consistent_with_age()
    {
        foreach (var p in demo.Persons)
        {
            var age = p.AgeOn(AsOf);
            if (age is >= 6 and <= 11) Assert.Equal(Schooling.Primary, p.Schooling);
            if (age >= 25 || age < 3) Assert.Equal(Schooling.NotInSchool, p.Schooling);
            if (age < 16) Assert.Equal(LabourCapacity.None, p.Labour);
            if (p.Labour is LabourCapacity.None or LabourCapacity.Lost) Assert.Equal(Employment.NotWorking, p.Employment);
            Assert.Equal(p.Employment != Employment.NotWorking, p.MonthsWorked is not null);
        }
    }

    [Fact]
    public void Births_and_deaths_are_recorded_as_dated_changes()
    {
        var changes = demo.Households.SelectMany(h => h.Household.Changes).ToList();

        Assert.Contains(changes, c => c.Kind == ChangeKind.Birth);
        Assert.Contains(changes, c => c.Kind == ChangeKind.Death);
        Assert.All(changes.Where(c => c.Kind == ChangeKind.Birth), c => Assert.Equal(c.Person.BirthDate, c.Date));
        Assert.All(changes.Where(c => c.Kind == ChangeKind.Death), c => Assert.Equal(PersonStatus.Deceased, c.Person.Status));
    }

    [Fact]
    public void About_forty_percent_of_households_are_formerly_poor()
    {
        var share = (double)demo.Households.Count(h => h.Household.Type == HouseholdType.FormerlyPoor) / demo.Households.Count;

        Assert.InRange(share, 0.36, 0.44);
    }

    [Fact]
    public void Every_household_has_income_for_2024_and_2025_and_formerly_poor_households_have_a_tail_below_the_line()
    {
        Assert.All(demo.Households, h => Assert.Equal([2024, 2025], h.Household.Incomes.Select(i => i.Year).Order()));
        var perCapita = demo.Households.Where(h => h.Household.Type == HouseholdType.FormerlyPoor)
            .Select(h => h.Household.IncomeFor(2025)!.Amounts.PerCapita(h.Household.SizeForYear(2025))!.Value)
            .Order().ToList();

        Assert.InRange(perCapita[perCapita.Count / 2], 10_000m, 20_000m);
        Assert.InRange(perCapita.Count(x => x < 8700) / (double)perCapita.Count, 0.01, 0.15);
    }

    [Fact]
    public void Monitoring_cases_cover_every_state_with_categories_matching_the_household_type()
    {
        var cases = demo.Households.SelectMany(h => h.Cases).ToList();

        Assert.InRange(cases.Count, 2000, 6000);
        Assert.Contains(cases, c => !c.IsEliminated);
        Assert.Contains(cases, c => c.EliminationMethod == EliminationMethod.ThroughAssistance);
        Assert.Contains(cases, c => c.EliminationMethod == EliminationMethod.Natural);
        Assert.Contains(cases, c => c.Episode == 2);
        Assert.Contains(cases, c => c.Origin == CaseOrigin.Imported);
        Assert.Contains(cases, c => c.Origin == CaseOrigin.Workflow);
        foreach (var c in cases)
        {
            Assert.InRange(c.RiskTypes.Count, 1, 3);
            Assert.All(c.RiskTypes, code => Assert.True(RiskTypes.TryParse(code, out _)));
            Assert.Equal(c.IdentifiedOn >= new DateOnly(2026, 1, 1), c.Category == MonitoringCategory.Unified);
            if (c.Category == MonitoringCategory.UnstableFormerlyPoor) Assert.Equal(HouseholdType.FormerlyPoor, c.Household.Type);
            if (c.Category == MonitoringCategory.MarginalAtRisk) Assert.Equal(HouseholdType.Ordinary, c.Household.Type);
            if (c.EliminatedOn is { } eliminated) Assert.True(eliminated >= c.IdentifiedOn!.Value.AddMonths(6) && eliminated <= AsOf);
        }
    }

    [Fact]
    public void A_second_episode_starts_only_after_the_first_was_eliminated()
    {
        foreach (var h in demo.Households.Where(h => h.Cases.Count > 1))
        {
            Assert.Equal([1, 2], h.Cases.Select(c => c.Episode));
            Assert.True(h.Cases[0].EliminatedOn < h.Cases[1].IdentifiedOn);
        }
    }

    [Fact]
    public void A_household_without_labour_capacity_is_never_marked_eliminated()
    {
        var cases = demo.Households.Where(h => (h.Household.Flags & HouseholdFlags.NoLabourCapacity) != 0).SelectMany(h => h.Cases).ToList();

        Assert.NotEmpty(cases);
        Assert.DoesNotContain(cases, c => c.IsEliminated);
    }

    [Fact]
    public void The_same_seed_produces_the_same_households()
    {
        var again = new DemoGenerator().Households().Take(500).ToList();

        for (var i = 0; i < again.Count; i++)
        {
            var a = demo.Households[i].Household;
            var b = again[i].Household;
            Assert.Equal(a.Number, b.Number);
            Assert.Equal(a.Members.Select(m => (m.Name, m.IdNumber, m.Relation)), b.Members.Select(m => (m.Name, m.IdNumber, m.Relation)));
            Assert.Equal(a.Incomes.Select(x => x.Amounts), b.Incomes.Select(x => x.Amounts));
            Assert.Equal(demo.Households[i].Cases.Select(c => (c.Category, c.RiskTypeCodes, c.IdentifiedOn, c.EliminatedOn)),
                again[i].Cases.Select(c => (c.Category, c.RiskTypeCodes, c.IdentifiedOn, c.EliminatedOn)));
        }
    }
}
