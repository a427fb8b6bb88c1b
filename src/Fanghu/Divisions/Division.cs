namespace Fanghu.Divisions;

/// <summary>
/// An administrative division (行政区划): province, prefecture, county, township or village, identified by
/// its national statistical code in its short form (2, 4, 6, 9 or 12 digits).
/// </summary>
public sealed class Division
{
    private Division() { Code = ""; Name = ""; }

    public Division(DivisionCode code, string name, DivisionCode? parent)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("名称不能为空", nameof(name));
        if (code.Level != DivisionLevel.Province)
        {
            if (parent is null || parent.Value.Value != code.ParentPrefix)
                throw new ArgumentException($"代码 {code} 的上级应为 {code.ParentPrefix}", nameof(parent));
        }
        Code = code.Value;
        Name = name.Trim();
        ParentCode = parent?.Value;
        Level = code.Level;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? ParentCode { get; private set; }
    public DivisionLevel Level { get; private set; }

    public bool Rename(string name)
    {
        name = name.Trim();
        if (name == Name) return false;
        Name = name;
        return true;
    }
}

public enum DivisionLevel
{
    Province = 1,
    Prefecture = 2,
    County = 3,
    Township = 4,
    Village = 5,
}
