using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Fanghu.IntegrationTests.Web;

/// <summary>The history of applications uploaded on the import page by a county account, as the other templates are.</summary>
public sealed partial class ApplicationsImportPageTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private async Task<string> UploadAsync(HttpClient client, string csv)
    {
        var page = await client.GetStringAsync("/Imports");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent("Applications"), "Kind" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "applications.csv");
        var response = await client.PostAsync("/Imports", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_county_account_uploads_the_history_and_importing_it_again_changes_nothing()
    {
        var client = await app.SignedInAsync("county1");
        var csv = "受理编号,申请日期,申请人姓名,证件号码,联系电话,行政区划代码,事项类别,诉求内容,办结日期,办理结果\n" +
                  $"P1,2024-04-02,张测一,{FanghuWebApp.Id("53340119800101001")},13900000001,{FanghuWebApp.Village1},医疗,住院自付费用高,2024-04-10,已纳入医疗救助\n" +
                  $"P2,2024-04-15,王测二,{FanghuWebApp.Id("53340119750505005")},13900000003,{FanghuWebApp.Village2},住房,房屋漏雨,,\n";

        var form = await client.GetStringAsync("/Imports");
        var first = await UploadAsync(client, csv);
        var again = await UploadAsync(client, csv);
        var bad = await UploadAsync(client, csv.Replace("住房", "房子"));

        Assert.Contains("<option value=\"Applications\">救助申请历史</option>", form);
        Assert.Contains("导入完成", first);
        Assert.Matches(StatLine(2, "新增"), first);
        Assert.Matches(StatLine(2, "无变化"), again);
        Assert.Matches(StatLine(0, "新增"), again);
        Assert.Contains("文件未导入，数据库未作任何改动", bad);
        Assert.Contains("事项类别“房子”不在可选值中，可选：生活、就业、教育、医疗、住房、饮水", bad);
    }

    private static Regex StatLine(int n, string label) => new($"<span class=\"n\">{n}</span><span>{label}</span>");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
