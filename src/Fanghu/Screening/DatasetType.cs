using Fanghu.Imports;

namespace Fanghu.Screening;

/// <summary>The department datasets of §6.</summary>
public enum DatasetKind
{
    MedicalSettlements = 1,
    MedicalEnrolment = 2,
    SchoolEnrolment = 3,
    Housing = 4,
    CivilAssistance = 5,
    Disability = 6,
    Disasters = 7,
    Employment = 8,
    PublicSecurity = 9,
    Water = 10,
}

/// <summary>What a dataset row is about, and by which column it is found in the registry.</summary>
public enum SubjectKind
{
    /// <summary>A person, by 证件号码.</summary>
    Person,
    /// <summary>A household, by its head's 证件号码.</summary>
    HouseholdHead,
    /// <summary>A household by 户编号, or every household of a village by 村代码.</summary>
    HouseholdOrVillage,
}

/// <summary>
/// One published dataset template: its key for the command line (<c>fanghu screen medical-settlements FILE</c>),
/// its Chinese name, the department that sends it, and its columns.
/// </summary>
public sealed record DatasetType(
    DatasetKind Kind,
    string Key,
    string Name,
    string Department,
    SubjectKind Subject,
    string? DateColumn,
    string? YearColumn,
    IReadOnlyList<string> AmountColumns,
    IReadOnlyList<string> TextColumns)
{
    public const string IdNumber = "证件号码";
    public const string HeadIdNumber = "户主证件号码";
    public const string HouseholdNumber = "户编号";
    public const string VillageCode = "村代码";

    /// <summary>Every column of the template, required unless the dataset offers a choice (water: 村代码 or 户编号).</summary>
    public IReadOnlyList<ColumnSpec> Columns { get; } = BuildColumns(Subject, DateColumn, YearColumn, AmountColumns, TextColumns);

    /// <summary>Every column the rules may test or sum, in the template's order.</summary>
    public IEnumerable<string> ValueColumns => AmountColumns.Concat(TextColumns);

    private static List<ColumnSpec> BuildColumns(SubjectKind subject, string? date, string? year, IReadOnlyList<string> amounts, IReadOnlyList<string> texts)
    {
        var columns = subject switch
        {
            SubjectKind.Person => new List<ColumnSpec> { new(IdNumber, true, "身份证号", "身份证号码", "公民身份号码") },
            SubjectKind.HouseholdHead => [new(HeadIdNumber, true, "户主身份证号", "户主身份证号码")],
            _ => [new(VillageCode, false, "行政区划代码", "村级代码"), new(HouseholdNumber, false, "户号")],
        };
        columns.AddRange(texts.Select(t => new ColumnSpec(t, true)));
        columns.AddRange(amounts.Select(a => new ColumnSpec(a, true)));
        if (date is not null) columns.Add(new ColumnSpec(date, true));
        if (year is not null) columns.Add(new ColumnSpec(year, true));
        return columns;
    }
}

/// <summary>The catalogue of dataset types (§6), with the department each belongs to.</summary>
public static class DatasetTypes
{
    public static readonly IReadOnlyList<DatasetType> All =
    [
        new(DatasetKind.MedicalSettlements, "medical-settlements", "医保结算", "医保", SubjectKind.Person, "结算日期", null,
            ["总费用", "报销", "个人自付"], []),
        new(DatasetKind.MedicalEnrolment, "medical-enrolment", "医保参保", "医保", SubjectKind.Person, null, "参保年度", [], []),
        new(DatasetKind.SchoolEnrolment, "school-enrolment", "教育学籍", "教育", SubjectKind.Person, null, null, [], ["学段", "学校", "状态"]),
        new(DatasetKind.Housing, "housing", "住房安全鉴定", "住建", SubjectKind.HouseholdHead, "日期", null, [], ["鉴定等级"]),
        new(DatasetKind.CivilAssistance, "civil-assistance", "民政救助", "民政", SubjectKind.Person, "日期", null, [], ["类别", "变动"]),
        new(DatasetKind.Disability, "disability", "残疾人证", "残联", SubjectKind.Person, "发证日期", null, [], ["类别", "等级"]),
        new(DatasetKind.Disasters, "disasters", "灾情", "应急", SubjectKind.HouseholdHead, "日期", null, ["损失金额"], ["灾种"]),
        new(DatasetKind.Employment, "employment", "就业失业", "人社", SubjectKind.Person, "日期", null, [], ["状态"]),
        new(DatasetKind.PublicSecurity, "public-security", "公安户籍事件", "公安", SubjectKind.Person, "日期", null, [], ["事件"]),
        new(DatasetKind.Water, "water", "饮水安全", "水利", SubjectKind.HouseholdOrVillage, "日期", null, [], ["问题"]),
    ];

    public static DatasetType Of(DatasetKind kind) => All.First(t => t.Kind == kind);

    /// <summary>By key (medical-settlements) or Chinese name (医保结算), as typed on the command line.</summary>
    public static DatasetType? Find(string keyOrName)
    {
        var text = keyOrName.Trim();
        return All.FirstOrDefault(t => string.Equals(t.Key, text, StringComparison.OrdinalIgnoreCase) || t.Name == text
            || Enum.TryParse<DatasetKind>(text, ignoreCase: true, out var k) && k == t.Kind && !int.TryParse(text, out _));
    }

    /// <summary>“medical-settlements（医保结算）、…”, for messages that list the choices.</summary>
    public static string Listing => string.Join("、", All.Select(t => $"{t.Key}（{t.Name}）"));
}
