namespace Fanghu.Registry;

/// <summary>
/// One dated check of the "two no-worries, three guarantees + water" status (两不愁三保障及饮水安全) for one
/// aspect, with its evidence. Checks accumulate; the latest per aspect is the current status.
/// </summary>
public sealed class GuaranteeCheck
{
    private GuaranteeCheck() { Household = null!; }

    internal GuaranteeCheck(Household household, GuaranteeAspect aspect, bool secure, DateOnly checkedOn, string? evidence)
    {
        Household = household;
        Aspect = aspect;
        Secure = secure;
        CheckedOn = checkedOn;
        Evidence = Household.Clean(evidence);
    }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }
    public GuaranteeAspect Aspect { get; private set; }
    public bool Secure { get; private set; }
    public DateOnly CheckedOn { get; private set; }
    public string? Evidence { get; private set; }
}

/// <summary>A natural change (自然变更) to a household: a dated event that never erases the past.</summary>
public sealed class NaturalChange
{
    private NaturalChange() { Household = null!; Person = null!; }

    internal NaturalChange(Household household, Person person, ChangeKind kind, DateOnly date, string? note)
    {
        Household = household;
        Person = person;
        Kind = kind;
        Date = date;
        Note = Household.Clean(note);
    }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }
    public long PersonId { get; private set; }
    public Person Person { get; private set; }
    public ChangeKind Kind { get; private set; }
    public DateOnly Date { get; private set; }
    public string? Note { get; private set; }
}
