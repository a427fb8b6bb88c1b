using Fanghu.Reports;

namespace Fanghu.Monitoring;

/// <summary>
/// The supervision board (督办) as an XLSX workbook, table for table as the page shows it: 按下级区划 (when there are
/// divisions below), 本级逾期事项 and 下级逾期、上报督办的事项, under a title naming the division and the day the board
/// was counted. Written through <see cref="SpreadsheetExport"/>, synchronously (see there).
/// </summary>
public static class SupervisionBoardXlsx
{
    public const string What = "逾期督办";

    public static void Write(Stream stream, SupervisionBoard.Result board)
    {
        string[] itemHeaders = ["户编号", "行政村代码", "行政村", "当前环节", "识别超时", "办理层级", "本环节期限", "逾期天数"];
        static object?[] Item(SupervisionBoard.Item i) =>
        [
            i.HouseholdNumber, i.VillageCode, i.VillageName ?? "", StageWords.Name(i.Stage), i.IdentificationLate ? "是" : "否",
            StageWords.LevelName(i.Level), i.DueOn, i.DaysLate,
        ];

        var sheets = new List<ExportSheet>();
        if (board.ByChild.Count > 0)
        {
            sheets.Add(new("按下级区划", ["区划代码", "区划", "村级", "乡镇", "县级", "合计"],
                [.. board.ByChild.Select(r => new object?[] { r.Code, r.Name, r.Village, r.Township, r.County, r.Total })]));
        }
        sheets.Add(new("本级逾期事项", itemHeaders, [.. board.OwnLevel.Select(Item)]));
        sheets.Add(new("下级逾期、上报督办的事项", itemHeaders, [.. board.Escalated.Select(Item)]));
        SpreadsheetExport.WriteXlsx(stream,
            SpreadsheetExport.Title(What, board.DivisionName ?? board.DivisionCode, board.DivisionCode, SpreadsheetExport.AsOf(board.Today)), sheets);
    }
}
