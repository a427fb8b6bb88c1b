namespace Fanghu.Applications;

/// <summary>
/// The departments an application can be assigned to (牵头部门, 协办部门): those that send screening data (§6) and hold
/// department accounts under these names, plus 农业农村 (the county's rural revitalisation bureau) for what belongs to
/// none of them. A department account sees what names its department, so a name outside this list would leave an
/// application that no department can find.
/// </summary>
public static class ApplicationDepartments
{
    public static readonly IReadOnlyList<string> All = ["民政", "医保", "教育", "住建", "水利", "人社", "农业农村", "残联", "应急", "公安"];

    /// <summary>The department most applications of an area go to, offered first on the assignment form.</summary>
    public static string SuggestedFor(ApplicationArea area) => area switch
    {
        ApplicationArea.Living => "民政",
        ApplicationArea.Employment => "人社",
        ApplicationArea.Education => "教育",
        ApplicationArea.Medical => "医保",
        ApplicationArea.Housing => "住建",
        ApplicationArea.Water => "水利",
        _ => "农业农村",
    };
}
