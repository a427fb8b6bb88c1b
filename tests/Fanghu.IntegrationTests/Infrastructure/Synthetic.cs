using System.IO.Compression;
using System.Security;
using System.Text;
using Fanghu.Registry;

namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>Synthetic people and files for tests: checksum-valid ID numbers of nobody real.</summary>
public static class Synthetic
{
    public const string Prefecture = "5334", County = "533401", Township = "533401100";
    public const string VillageA = "533401100201", VillageB = "533401100202", OtherTownshipVillage = "533401101201";

    public const string DivisionsCsv =
        "代码,名称,上级代码\n53,云南省,\n5334,迪庆藏族自治州,53\n533401,香格里拉市,5334\n533401100,建塘镇,533401\n" +
        "533401100201,尼史村,533401100\n533401100202,诺西村,533401100\n533401101,小中甸镇,533401\n533401101201,团结村,533401101\n";

    public const string PersonsHeader = "行政区划代码,村民小组,户编号,姓名,证件号码,与户主关系,民族,健康状况,劳动技能,在校情况,务工情况,基本医疗保险,户类型,联系电话";

    /// <summary>
    /// A valid ID number for the n-th synthetic person (unique for n below 1,800,000). The sequence ends in 1,
    /// so no number ends in 000 (which imports refuse as probably cut by Excel).
    /// </summary>
    public static string Id(int n, string region = County)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(n % 20000);
        var first17 = $"{region}{birth:yyyyMMdd}{n / 20000 % 90 * 10 + 1:000}";
        return first17 + IdNumber.ComputeCheckCharacter(first17);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string WithBadCheck(string id)
    {
        var good = id[17];
        var bad = good == '1' ? '2' : '1';
        return id[..17] + bad;
    }

    /// <summary>A persons file of households of four (head, spouse, two children) in the given villages.</summary>
    public static List<string[]> PersonRows(int households, int firstPerson = 0, params string[] villages)
    {
        if (villages.Length == 0) villages = [VillageA];
        var rows = new List<string[]>();
        var n = firstPerson;
        for (var h = 0; h < households; h++)
        {
            var village = villages[h % villages.Length];
            var number = $"{village}{h:D5}";
            rows.Add([village, "第一村民小组", number, $"户主{h}", Id(n++), "户主", "藏族", "健康", "普通劳动力", "非在校生", "省内县外", "是", h % 3 == 0 ? "脱贫户" : "一般农户", "13900000000"]);
            rows.Add([village, "第一村民小组", number, $"配偶{h}", Id(n++), "配偶", "藏族", "长期慢性病", "弱劳动力或半劳动力", "非在校生", "未务工", "是", "", ""]);
            rows.Add([village, "第一村民小组", number, $"子{h}", Id(n++), "之子", "藏族", "健康", "无劳动力", "小学", "未务工", "是", "", ""]);
            rows.Add([village, "第一村民小组", number, $"女{h}", Id(n++), "之女", "纳西族", "健康", "无劳动力", "初中", "未务工", "否", "", ""]);
        }
        return rows;
    }

    public static string Csv(string header, IEnumerable<string[]> rows) =>
        header + "\n" + string.Concat(rows.Select(r => string.Join(',', r.Select(Quote)) + "\n"));

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    public static string WriteFile(string folder, string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// A minimal XLSX with one sheet. A cell given as a double is written as an Excel number (as Excel
    /// stores an ID number typed without text format); strings as inline strings. A merged title row can be added.
    /// </summary>
    public static string WriteXlsx(string path, IEnumerable<object?[]> rows, string? mergedTitle = null, int titleSpan = 5)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Entry(string name, string xml)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            w.Write(xml);
        }
        Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Entry("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Entry("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
        var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        var r = 1;
        if (mergedTitle is not null)
            sheet.Append($"""<row r="{r++}"><c r="A1" t="inlineStr"><is><t>{SecurityElement.Escape(mergedTitle)}</t></is></c></row>""");
        foreach (var row in rows)
        {
            sheet.Append($"<row r=\"{r}\">");
            for (var c = 0; c < row.Length; c++)
            {
                var reference = (c < 26 ? $"{(char)('A' + c)}" : $"{(char)('A' + c / 26 - 1)}{(char)('A' + c % 26)}") + r;
                switch (row[c])
                {
                    case null: break;
                    case double d: sheet.Append($"<c r=\"{reference}\"><v>{d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}</v></c>"); break;
                    case var v: sheet.Append($"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(v.ToString())}</t></is></c>"); break;
                }
            }
            sheet.Append("</row>");
            r++;
        }
        sheet.Append("</sheetData>");
        if (mergedTitle is not null) sheet.Append($"<mergeCells count=\"1\"><mergeCell ref=\"A1:{(char)('A' + titleSpan - 1)}1\"/></mergeCells>");
        sheet.Append("</worksheet>");
        Entry("xl/worksheets/sheet1.xml", sheet.ToString());
        return path;
    }
}
