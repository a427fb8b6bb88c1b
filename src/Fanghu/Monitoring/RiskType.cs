namespace Fanghu.Monitoring;

/// <summary>致贫返贫风险类型 with the national codes (§5.3).</summary>
public static class RiskTypes
{
    private static readonly (string Code, string Name)[] All =
    [
        ("01", "因病"),
        ("02", "因自然灾害"),
        ("0201", "洪涝灾害"),
        ("0202", "地质灾害"),
        ("0203", "旱灾"),
        ("0204", "生物灾害"),
        ("0205", "气象灾害"),
        ("0206", "地震灾害"),
        ("0299", "其他自然灾害"),
        ("03", "因残"),
        ("04", "因缺劳动力"),
        ("05", "因意外事故"),
        ("06", "因产业失败"),
        ("07", "因务工就业不稳"),
        ("09", "因学"),
        ("10", "因疫"),
        ("99", "其他"),
    ];

    private static readonly Dictionary<string, string> ByKey = Build();

    public const int MaxPerCase = 5;

    public static string NameOf(string code) => All.First(r => r.Code == code).Name;

    public static bool IsCode(string code) => All.Any(r => r.Code == code);

    /// <summary>Natural disasters (02, 02xx) and accidents (05) may take the fast track (先帮扶后认定).</summary>
    public static bool AllowFastTrack(IEnumerable<string> codes) => codes.Any(c => c.StartsWith("02", StringComparison.Ordinal) || c == "05");

    public static IEnumerable<(string Code, string Name)> List => All;

    /// <summary>Accepts a code (01, 0201) or a name (因病, 洪涝, 洪涝灾害).</summary>
    public static bool TryParse(string? text, out string code)
    {
        code = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        if (t.Length == 1 && char.IsAsciiDigit(t[0])) t = "0" + t;
        return ByKey.TryGetValue(t, out code!);
    }

    public static string Allowed => string.Join("、", All.Select(r => $"{r.Code} {r.Name}"));

    private static Dictionary<string, string> Build()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, name) in All)
        {
            d[code] = code;
            d[name] = code;
            if (name.EndsWith("灾害", StringComparison.Ordinal) && code.Length == 4) d[name[..^2]] = code;
            if (name.StartsWith('因')) d[name[1..]] = code;
        }
        return d;
    }
}

/// <summary>监测对象类别.</summary>
public enum MonitoringCategory
{
    /// <summary>脱贫不稳定户.</summary>
    UnstableFormerlyPoor = 1,
    /// <summary>边缘易致贫户.</summary>
    MarginalAtRisk = 2,
    /// <summary>突发严重困难户.</summary>
    SuddenHardship = 3,
    /// <summary>防止返贫致贫对象 (the single category from 2026).</summary>
    Unified = 4,
}

/// <summary>风险消除方式.</summary>
public enum EliminationMethod
{
    /// <summary>帮扶消除.</summary>
    ThroughAssistance = 1,
    /// <summary>自然消除.</summary>
    Natural = 2,
}
