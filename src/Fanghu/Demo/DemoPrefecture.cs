using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Demo;

/// <summary>
/// TEMPORARY stand-in written on the web branch so that it compiles; the real demo prefecture generator
/// replaces this file at merge. It only creates the divisions the demo accounts need and two households.
/// </summary>
public static class DemoPrefecture
{
    public static async Task<string> LoadAsync(FanghuDbContext db, CancellationToken ct)
    {
        if (await db.Households.IgnoreQueryFilters().AnyAsync(ct))
            return "demo data already present";

        Division D(string code, string name, string? parent) =>
            new(DivisionCode.Parse(code), name, parent is null ? null : DivisionCode.Parse(parent));
        var divisions = new[]
        {
            D("53", "云南省", null),
            D("5334", "迪庆藏族自治州", "53"),
            D("533401", "香格里拉市", "5334"),
            D("533401100", "建塘镇", "533401"),
            D("533401100001", "尼史村", "533401100"),
            D("533401100002", "解放村", "533401100"),
        };
        foreach (var d in divisions)
            if (!await db.Divisions.AnyAsync(x => x.Code == d.Code, ct))
                db.Divisions.Add(d);

        var h1 = new Household("5334011000010001", DivisionCode.Parse("533401100001"), HouseholdType.FormerlyPoor);
        h1.AddMember("扎西", Synthetic("53340119800101011"), Details(Relation.Head));
        h1.AddMember("卓玛", Synthetic("53340119820304022"), Details(Relation.Spouse));
        h1.SetIncome(2024, new IncomeAmounts(12000m, 6000m, 2000m, 0m, 3000m));
        var h2 = new Household("5334011000020001", DivisionCode.Parse("533401100002"), HouseholdType.Ordinary);
        h2.AddMember("格桑", Synthetic("53340119750506031"), Details(Relation.Head));
        db.Households.AddRange(h1, h2);
        await db.SaveChangesAsync(ct);
        return "stand-in demo: 6 divisions, 2 households";
    }

    private static IdNumber Synthetic(string first17)
    {
        return IdNumber.Parse(first17 + IdNumber.ComputeCheckCharacter(first17)).Value!.Value;
    }

    private static PersonDetails Details(Relation relation) =>
        new(relation, "藏族", HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool,
            Employment.WithinCounty, 6, true, true, null);
}
