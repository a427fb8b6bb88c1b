namespace Fanghu.Registry;

/// <summary>
/// A household's income and spending for one year (收支). 家庭纯收入 = 工资性 + 生产经营性收入 − 生产经营性支出
/// + 财产性 + 转移性; 理赔收入 and 合规自付支出 are kept beside it but not part of it.
/// </summary>
public sealed class HouseholdIncome
{
    private HouseholdIncome() { Household = null!; }

    internal HouseholdIncome(Household household, int year, IncomeAmounts amounts)
    {
        if (year is < 2000 or > 2100) throw new ArgumentOutOfRangeException(nameof(year), "年度不合理");
        Household = household;
        Year = year;
        Update(amounts);
    }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }
    public int Year { get; private set; }

    /// <summary>工资性收入.</summary>
    public decimal Wages { get; private set; }
    /// <summary>生产经营性收入 (gross).</summary>
    public decimal OperatingIncome { get; private set; }
    /// <summary>生产经营性支出.</summary>
    public decimal OperatingExpense { get; private set; }
    /// <summary>财产性收入.</summary>
    public decimal PropertyIncome { get; private set; }
    /// <summary>转移性收入.</summary>
    public decimal TransferIncome { get; private set; }
    /// <summary>理赔收入.</summary>
    public decimal? InsuranceClaims { get; private set; }
    /// <summary>合规自付支出 (compliant out-of-pocket rigid spending).</summary>
    public decimal? CompliantOutOfPocket { get; private set; }

    public IncomeAmounts Amounts => new(Wages, OperatingIncome, OperatingExpense, PropertyIncome, TransferIncome,
        InsuranceClaims, CompliantOutOfPocket);

    /// <summary>家庭纯收入.</summary>
    public decimal NetIncome => Amounts.NetIncome;

    public bool Update(IncomeAmounts a)
    {
        var before = Amounts;
        Wages = a.Wages;
        OperatingIncome = a.OperatingIncome;
        OperatingExpense = a.OperatingExpense;
        PropertyIncome = a.PropertyIncome;
        TransferIncome = a.TransferIncome;
        // The two optional lines keep their known value when a source leaves them out.
        InsuranceClaims = a.InsuranceClaims ?? InsuranceClaims;
        CompliantOutOfPocket = a.CompliantOutOfPocket ?? CompliantOutOfPocket;
        return before != Amounts;
    }
}

public sealed record IncomeAmounts(
    decimal Wages,
    decimal OperatingIncome,
    decimal OperatingExpense,
    decimal PropertyIncome,
    decimal TransferIncome,
    decimal? InsuranceClaims = null,
    decimal? CompliantOutOfPocket = null)
{
    /// <summary>家庭纯收入.</summary>
    public decimal NetIncome => Wages + OperatingIncome - OperatingExpense + PropertyIncome + TransferIncome;

    /// <summary>生产经营性净收入, the figure used in income-structure shares.</summary>
    public decimal NetOperatingIncome => OperatingIncome - OperatingExpense;

    /// <summary>人均纯收入 = 家庭纯收入 ÷ household size; null for an empty household.</summary>
    public decimal? PerCapita(int householdSize) =>
        householdSize <= 0 ? null : Math.Round(NetIncome / householdSize, 2, MidpointRounding.AwayFromZero);
}
