namespace Fanghu.Registry;

/// <summary>
/// The fixed words of the national templates (§3), each bound to an enum value. Imports accept the word
/// (and a few common aliases); pages show the word. An unknown word is an error that lists the allowed ones.
/// </summary>
public sealed class Vocabulary<T> where T : struct, Enum
{
    private readonly Dictionary<T, string> _words;
    private readonly Dictionary<string, T> _lookup = new(StringComparer.Ordinal);

    public Vocabulary(string field, IReadOnlyDictionary<T, string> words, IReadOnlyDictionary<string, T>? aliases = null)
    {
        Field = field;
        _words = new Dictionary<T, string>(words);
        foreach (var (value, word) in words) _lookup[word] = value;
        if (aliases is not null)
            foreach (var (alias, value) in aliases) _lookup[alias] = value;
        Allowed = string.Join("、", words.Values);
    }

    public string Field { get; }

    /// <summary>The allowed words, joined for an error message.</summary>
    public string Allowed { get; }

    public IEnumerable<string> Words => _words.Values;

    public string Word(T value) => _words[value];

    public bool TryParse(string? text, out T value)
    {
        value = default;
        if (text is null) return false;
        return _lookup.TryGetValue(text.Trim(), out value);
    }

    public string UnknownMessage(string? text) => $"{Field}“{text?.Trim()}”不在可选值中，可选：{Allowed}";
}

public static class Words
{
    public static readonly Vocabulary<HouseholdType> HouseholdType = new("户类型", new Dictionary<HouseholdType, string>
    {
        [Registry.HouseholdType.FormerlyPoor] = "脱贫户",
        [Registry.HouseholdType.Ordinary] = "一般农户",
    }, new Dictionary<string, HouseholdType> { ["原建档立卡户"] = Registry.HouseholdType.FormerlyPoor, ["一般户"] = Registry.HouseholdType.Ordinary });

    public static readonly Vocabulary<Relation> Relation = new("与户主关系", new Dictionary<Relation, string>
    {
        [Registry.Relation.Head] = "户主",
        [Registry.Relation.Spouse] = "配偶",
        [Registry.Relation.Son] = "之子",
        [Registry.Relation.Daughter] = "之女",
        [Registry.Relation.DaughterInLaw] = "之儿媳",
        [Registry.Relation.SonInLaw] = "之女婿",
        [Registry.Relation.Grandson] = "之孙子",
        [Registry.Relation.Granddaughter] = "之孙女",
        [Registry.Relation.DaughtersSon] = "之外孙子",
        [Registry.Relation.DaughtersDaughter] = "之外孙女",
        [Registry.Relation.Parent] = "之父母",
        [Registry.Relation.Grandparent] = "之祖父母",
        [Registry.Relation.Sibling] = "之兄弟姐妹",
        [Registry.Relation.Other] = "其他",
    }, new Dictionary<string, Relation>
    {
        ["本人"] = Registry.Relation.Head,
        ["之父"] = Registry.Relation.Parent,
        ["之母"] = Registry.Relation.Parent,
        ["之祖父"] = Registry.Relation.Grandparent,
        ["之祖母"] = Registry.Relation.Grandparent,
        ["其他亲属"] = Registry.Relation.Other,
    });

    public static readonly Vocabulary<HealthStatus> Health = new("健康状况", new Dictionary<HealthStatus, string>
    {
        [HealthStatus.Healthy] = "健康",
        [HealthStatus.ChronicIllness] = "长期慢性病",
        [HealthStatus.SeriousIllness] = "患有大病",
        [HealthStatus.Disabled] = "残疾",
    });

    public static readonly Vocabulary<LabourCapacity> Labour = new("劳动技能", new Dictionary<LabourCapacity, string>
    {
        [LabourCapacity.Ordinary] = "普通劳动力",
        [LabourCapacity.Skilled] = "技能劳动力",
        [LabourCapacity.Weak] = "弱劳动力或半劳动力",
        [LabourCapacity.Lost] = "丧失劳动力",
        [LabourCapacity.None] = "无劳动力",
    });

    public static readonly Vocabulary<Schooling> Schooling = new("在校情况", new Dictionary<Schooling, string>
    {
        [Registry.Schooling.NotInSchool] = "非在校生",
        [Registry.Schooling.Preschool] = "学前",
        [Registry.Schooling.Primary] = "小学",
        [Registry.Schooling.JuniorSecondary] = "初中",
        [Registry.Schooling.SeniorSecondary] = "高中",
        [Registry.Schooling.SecondaryVocational] = "中职",
        [Registry.Schooling.HigherVocational] = "高职",
        [Registry.Schooling.CollegeOrAbove] = "大专及以上",
    });

    public static readonly Vocabulary<Employment> Employment = new("务工情况", new Dictionary<Employment, string>
    {
        [Registry.Employment.NotWorking] = "未务工",
        [Registry.Employment.WithinTownship] = "乡镇内",
        [Registry.Employment.WithinCounty] = "县内乡外",
        [Registry.Employment.WithinProvince] = "省内县外",
        [Registry.Employment.OutsideProvince] = "省外",
    });

    public static readonly Vocabulary<GuaranteeAspect> Guarantee = new("保障项目", new Dictionary<GuaranteeAspect, string>
    {
        [GuaranteeAspect.FoodAndClothing] = "吃穿不愁",
        [GuaranteeAspect.CompulsoryEducation] = "义务教育",
        [GuaranteeAspect.BasicMedical] = "基本医疗",
        [GuaranteeAspect.HousingSafety] = "住房安全",
        [GuaranteeAspect.DrinkingWater] = "饮水安全",
    });

    public static readonly Vocabulary<HouseholdFlags> Flag = new("户标识", new Dictionary<HouseholdFlags, string>
    {
        [HouseholdFlags.Dibao] = "低保户",
        [HouseholdFlags.Tekun] = "特困供养",
        [HouseholdFlags.DibaoMarginal] = "低保边缘",
        [HouseholdFlags.Relocated] = "易地扶贫搬迁",
        [HouseholdFlags.ResettlementArea] = "集中安置区",
        [HouseholdFlags.NoLabourCapacity] = "整户无劳动能力",
        [HouseholdFlags.DisabledFamily] = "残疾人家庭",
        [HouseholdFlags.MilitaryFamily] = "军烈属",
    });

    public static readonly Vocabulary<ChangeKind> Change = new("变更类型", new Dictionary<ChangeKind, string>
    {
        [ChangeKind.Birth] = "出生",
        [ChangeKind.Death] = "死亡",
        [ChangeKind.MarriageIn] = "婚入",
        [ChangeKind.MarriageOut] = "婚出",
        [ChangeKind.MoveIn] = "迁入",
        [ChangeKind.MoveOut] = "迁出",
    });

    /// <summary>是 / 否, as the templates write booleans.</summary>
    public static bool TryParseYesNo(string? text, out bool value)
    {
        switch (text?.Trim())
        {
            case "是" or "已参保" or "参保" or "Y" or "y" or "1": value = true; return true;
            case "否" or "未参保" or "N" or "n" or "0": value = false; return true;
            default: value = false; return false;
        }
    }

    public static string YesNo(bool value) => value ? "是" : "否";
}

/// <summary>户类型: whether the household was registered poor (脱贫户, 原建档立卡) or not (一般农户).</summary>
public enum HouseholdType { FormerlyPoor = 1, Ordinary = 2 }

/// <summary>与户主关系.</summary>
public enum Relation
{
    Head = 1, Spouse, Son, Daughter, DaughterInLaw, SonInLaw, Grandson, Granddaughter,
    DaughtersSon, DaughtersDaughter, Parent, Grandparent, Sibling, Other,
}

/// <summary>健康状况.</summary>
public enum HealthStatus { Healthy = 1, ChronicIllness, SeriousIllness, Disabled }

/// <summary>劳动技能.</summary>
public enum LabourCapacity { Ordinary = 1, Skilled, Weak, Lost, None }

/// <summary>在校情况.</summary>
public enum Schooling { NotInSchool = 1, Preschool, Primary, JuniorSecondary, SeniorSecondary, SecondaryVocational, HigherVocational, CollegeOrAbove }

/// <summary>务工情况.</summary>
public enum Employment { NotWorking = 1, WithinTownship, WithinCounty, WithinProvince, OutsideProvince }

/// <summary>两不愁三保障及饮水安全: the five things every household must be secure in.</summary>
public enum GuaranteeAspect { FoodAndClothing = 1, CompulsoryEducation, BasicMedical, HousingSafety, DrinkingWater }

/// <summary>自然变更: the dated events that change who belongs to a household.</summary>
public enum ChangeKind { Birth = 1, Death, MarriageIn, MarriageOut, MoveIn, MoveOut }

/// <summary>Household flags (低保户, 特困供养…), kept as a bit set.</summary>
[Flags]
public enum HouseholdFlags
{
    None = 0,
    Dibao = 1,
    Tekun = 2,
    DibaoMarginal = 4,
    Relocated = 8,
    ResettlementArea = 16,
    NoLabourCapacity = 32,
    DisabledFamily = 64,
    MilitaryFamily = 128,
}

/// <summary>住房安全等级 (鉴定等级 A–D; C and D are unsafe).</summary>
public enum HousingGrade { A = 1, B, C, D }
