using Fanghu.Divisions;
using Fanghu.Registry;

namespace Fanghu.Tests.Registry;

public class HouseholdTests
{
    private static readonly DivisionCode Village = DivisionCode.Parse("533401100201");

    private static IdNumber Id(string value) => IdNumber.Parse(value).Value!.Value;

    private static PersonDetails Details(Relation relation, string? phone = null) =>
        new(relation, "藏族", HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool, Employment.NotWorking,
            null, true, true, phone);

    private static (Household Household, Person Head, Person Spouse) Family()
    {
        var household = new Household("5334011002010001", Village, HouseholdType.FormerlyPoor);
        var head = household.AddMember("扎西次仁", Id("533401198001010018"), Details(Relation.Head));
        var spouse = household.AddMember("此里卓玛", Id("533401198001010026"), Details(Relation.Spouse));
        return (household, head, spouse);
    }

    [Fact]
    public void A_household_takes_every_division_level_from_its_village_code()
    {
        var household = new Household(" 5334011002010001 ", Village, HouseholdType.Ordinary);

        Assert.Equal("5334011002010001", household.Number);
        Assert.Equal("533401100201", household.VillageCode);
        Assert.Equal("533401100", household.TownshipCode);
        Assert.Equal("533401", household.CountyCode);
        Assert.Equal("5334", household.PrefectureCode);
    }

    [Fact]
    public void A_household_must_belong_to_a_village()
    {
        Assert.Throws<ArgumentException>(() => new Household("H1", DivisionCode.Parse("533401100"), HouseholdType.Ordinary));
        Assert.Throws<ArgumentException>(() => new Household(" ", Village, HouseholdType.Ordinary));
    }

    [Fact]
    public void The_head_is_a_member_whose_gender_and_birth_date_come_from_the_ID_number()
    {
        var (household, head, spouse) = Family();

        Assert.Single(household.Members, m => m.Relation == Relation.Head);
        Assert.Same(head, household.Members[0]);
        Assert.Equal(Gender.Male, head.Gender);
        Assert.Equal(new DateOnly(1980, 1, 1), head.BirthDate);
        Assert.Equal(Gender.Female, spouse.Gender);
        Assert.Equal(45, head.AgeOn(new DateOnly(2025, 12, 31)));
        Assert.Equal(45, head.AgeOn(new DateOnly(2026, 1, 1).AddDays(-1)));
        Assert.Equal(46, head.AgeOn(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void The_same_person_cannot_be_added_twice()
    {
        var (household, _, _) = Family();

        Assert.Throws<InvalidOperationException>(() => household.AddMember("扎西", Id("533401198001010018"), Details(Relation.Son)));
    }

    [Fact]
    public void A_birth_adds_the_child_from_its_date()
    {
        var (household, _, _) = Family();
        var child = household.AddMember("格桑拉姆", Id("533401202503010025"), Details(Relation.Daughter));

        household.RecordChange(ChangeKind.Birth, new DateOnly(2025, 3, 1), child);

        Assert.Equal(2, household.SizeOn(new DateOnly(2025, 2, 28)));
        Assert.Equal(3, household.SizeOn(new DateOnly(2025, 3, 1)));
        Assert.Equal(2, household.SizeForYear(2024));
        Assert.Equal(3, household.SizeForYear(2025));
    }

    [Fact]
    public void A_death_removes_the_person_from_its_date_and_keeps_the_history()
    {
        var (household, _, spouse) = Family();
        var died = new DateOnly(2025, 6, 10);

        var change = household.RecordChange(ChangeKind.Death, died, spouse, "病故");

        Assert.Equal(2, household.SizeOn(died.AddDays(-1)));
        Assert.Equal(1, household.SizeOn(died));
        Assert.Equal(2, household.SizeForYear(2024));
        Assert.Equal(1, household.SizeForYear(2025));
        Assert.Contains(spouse, household.Members);
        Assert.Equal(PersonStatus.Deceased, spouse.Status);
        Assert.Equal(died, spouse.MemberUntil);
        Assert.Equal(ChangeKind.Death, Assert.Single(household.Changes).Kind);
        Assert.Equal("病故", change.Note);
    }

    [Fact]
    public void A_marriage_out_marks_the_person_as_moved_out_from_its_date()
    {
        var (household, _, spouse) = Family();

        household.RecordChange(ChangeKind.MarriageOut, new DateOnly(2024, 5, 1), spouse);

        Assert.Equal(PersonStatus.MovedOut, spouse.Status);
        Assert.Equal(1, household.SizeForYear(2024));
        Assert.Equal(2, household.SizeForYear(2023));
    }

    [Fact]
    public void Leaving_before_joining_is_refused()
    {
        var (household, _, _) = Family();
        var child = household.AddMember("格桑拉姆", Id("533401202503010025"), Details(Relation.Daughter));
        household.RecordChange(ChangeKind.Birth, new DateOnly(2025, 3, 1), child);

        Assert.Throws<InvalidOperationException>(() => household.RecordChange(ChangeKind.Death, new DateOnly(2025, 2, 1), child));
    }

    [Fact]
    public void A_change_for_a_person_of_another_household_is_refused()
    {
        var (household, _, _) = Family();
        var other = new Household("5334011002010002", Village, HouseholdType.Ordinary);
        var stranger = other.AddMember("和建华", Id("533401198001010034"), Details(Relation.Head));

        Assert.Throws<InvalidOperationException>(() => household.RecordChange(ChangeKind.Death, new DateOnly(2025, 1, 1), stranger));
        Assert.Empty(household.Changes);
    }

    [Fact]
    public void An_update_reports_whether_anything_changed()
    {
        var household = new Household("H1", Village, HouseholdType.Ordinary);

        Assert.True(household.Update(Village, "第3村民小组", HouseholdType.Ordinary, "13988887777"));
        Assert.False(household.Update(Village, " 第3村民小组 ", HouseholdType.Ordinary, "13988887777"));
        Assert.True(household.Update(DivisionCode.Parse("533401100202"), "第3村民小组", HouseholdType.FormerlyPoor, null));
        Assert.Equal("533401100202", household.VillageCode);
        Assert.Equal(HouseholdType.FormerlyPoor, household.Type);
    }

    [Fact]
    public void A_blank_phone_in_an_update_keeps_the_known_phone()
    {
        var household = new Household("H1", Village, HouseholdType.Ordinary);
        household.Update(Village, null, HouseholdType.Ordinary, "13988887777");

        Assert.False(household.Update(Village, null, HouseholdType.Ordinary, " "));
        Assert.Equal("13988887777", household.Phone);
    }

    [Fact]
    public void A_person_update_reports_whether_anything_changed()
    {
        var (_, head, _) = Family();

        Assert.False(head.Update(Details(Relation.Head)));
        Assert.True(head.Update(Details(Relation.Head) with { Health = HealthStatus.ChronicIllness }));
        Assert.Equal(HealthStatus.ChronicIllness, head.Health);
    }

    [Fact]
    public void A_disability_grade_is_kept_only_for_disabled_persons()
    {
        var (_, head, _) = Family();

        head.Update(Details(Relation.Head) with { Health = HealthStatus.Healthy, DisabilityGrade = 2 });
        Assert.Null(head.DisabilityGrade);
        head.Update(Details(Relation.Head) with { Health = HealthStatus.Disabled, DisabilityGrade = 2 });
        Assert.Equal(2, head.DisabilityGrade);
    }

    [Fact]
    public void Setting_a_year_s_income_twice_updates_the_same_record()
    {
        var (household, _, _) = Family();

        var first = household.SetIncome(2025, new IncomeAmounts(10000, 5000, 1000, 200, 3000));
        var second = household.SetIncome(2025, new IncomeAmounts(12000, 5000, 1000, 200, 3000));

        Assert.Same(first, second);
        Assert.Single(household.Incomes);
        Assert.Equal(12000, household.IncomeFor(2025)!.Wages);
        Assert.Null(household.IncomeFor(2024));
    }

    [Fact]
    public void The_latest_check_of_an_aspect_is_the_current_status()
    {
        var (household, _, _) = Family();
        household.RecordGuarantee(GuaranteeAspect.HousingSafety, false, new DateOnly(2025, 3, 1), "C 级");
        household.RecordGuarantee(GuaranteeAspect.HousingSafety, true, new DateOnly(2025, 9, 1), "改造完成");

        Assert.True(household.CurrentGuarantee(GuaranteeAspect.HousingSafety)!.Secure);
        Assert.Null(household.CurrentGuarantee(GuaranteeAspect.DrinkingWater));
        Assert.Equal(2, household.Guarantees.Count);
    }
}
