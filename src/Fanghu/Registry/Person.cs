namespace Fanghu.Registry;

/// <summary>
/// A household member (家庭成员). Gender and birth date are derived from the ID number (证件号码) and are
/// never typed twice; they are stored only so that age and gender can be queried.
/// </summary>
public sealed class Person
{
    private Person()
    {
        Name = IdNumber = Ethnicity = "";
        Household = null!;
    }

    internal Person(Household household, string name, IdNumber id, PersonDetails details, DateOnly? memberFrom)
    {
        Household = household;
        Name = "";
        IdNumber = id.Value;
        Gender = id.Gender;
        BirthDate = id.BirthDate;
        Ethnicity = "";
        MemberFrom = memberFrom;
        Rename(name);
        Update(details);
    }

    /// <summary>A new member of an already stored household, for the bulk import path (no object graph).</summary>
    internal Person(long householdId, string name, IdNumber id, PersonDetails details)
        : this(null!, name, id, details, null)
    {
        HouseholdId = householdId;
    }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }

    public string Name { get; private set; }

    /// <summary>证件号码, 18 characters, checksum-valid.</summary>
    public string IdNumber { get; private set; }
    public Gender Gender { get; private set; }
    public DateOnly BirthDate { get; private set; }

    public Relation Relation { get; private set; }
    public string Ethnicity { get; private set; }
    public HealthStatus Health { get; private set; }

    /// <summary>残疾等级 1–4 when disabled.</summary>
    public int? DisabilityGrade { get; private set; }
    public LabourCapacity Labour { get; private set; }
    public Schooling Schooling { get; private set; }
    public Employment Employment { get; private set; }
    public int? MonthsWorked { get; private set; }
    public bool MedicalInsurance { get; private set; }
    public bool? SeriousIllnessInsurance { get; private set; }
    public string? Phone { get; private set; }

    public PersonStatus Status { get; private set; }

    /// <summary>First day of membership; null when a member since before the records began.</summary>
    public DateOnly? MemberFrom { get; private set; }

    /// <summary>First day no longer a member (death, marriage out, move out).</summary>
    public DateOnly? MemberUntil { get; private set; }

    /// <summary>Has labour capacity (普通, 技能 or 弱/半劳动力), as the plan and elimination checks count it.</summary>
    public bool CanWork => Labour is LabourCapacity.Ordinary or LabourCapacity.Skilled or LabourCapacity.Weak;

    public bool IsMemberOn(DateOnly date) =>
        (MemberFrom is null || MemberFrom <= date) && (MemberUntil is null || MemberUntil > date);

    public int AgeOn(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        if (date < BirthDate.AddYears(age)) age--;
        return age;
    }

    public bool Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("姓名不能为空", nameof(name));
        name = name.Trim();
        if (name == Name) return false;
        Name = name;
        return true;
    }

    /// <summary>Sets what the persons template carries; returns whether anything changed.</summary>
    public bool Update(PersonDetails d)
    {
        var before = Details;
        Relation = d.Relation;
        Ethnicity = d.Ethnicity.Trim();
        Health = d.Health;
        // What a source does not carry (null) keeps what is known: a template without 残疾等级 or months worked
        // must not erase them.
        DisabilityGrade = d.Health == HealthStatus.Disabled ? d.DisabilityGrade ?? DisabilityGrade : null;
        Labour = d.Labour;
        Schooling = d.Schooling;
        Employment = d.Employment;
        MonthsWorked = d.MonthsWorked ?? MonthsWorked;
        MedicalInsurance = d.MedicalInsurance;
        SeriousIllnessInsurance = d.SeriousIllnessInsurance ?? SeriousIllnessInsurance;
        Phone = Household.Clean(d.Phone) ?? Phone;
        return before != Details;
    }

    public PersonDetails Details => new(Relation, Ethnicity, Health, DisabilityGrade, Labour, Schooling, Employment,
        MonthsWorked, MedicalInsurance, SeriousIllnessInsurance, Phone);

    internal void JoinOn(DateOnly date)
    {
        MemberFrom = date;
        MemberUntil = null;
        Status = PersonStatus.Member;
    }

    internal void LeaveOn(DateOnly date, PersonStatus status)
    {
        if (MemberFrom is not null && date < MemberFrom)
            throw new InvalidOperationException("变更日期早于入户日期");
        MemberUntil = date;
        Status = status;
    }
}

public sealed record PersonDetails(
    Relation Relation,
    string Ethnicity,
    HealthStatus Health,
    int? DisabilityGrade,
    LabourCapacity Labour,
    Schooling Schooling,
    Employment Employment,
    int? MonthsWorked,
    bool MedicalInsurance,
    bool? SeriousIllnessInsurance,
    string? Phone);

public enum PersonStatus { Member = 0, Deceased = 1, MovedOut = 2 }
