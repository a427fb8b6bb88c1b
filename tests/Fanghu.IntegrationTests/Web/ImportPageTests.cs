using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Fanghu.IntegrationTests.Web;

public sealed partial class ImportPageTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private const string Header = "行政区划代码,村民小组,户编号,姓名,证件号码,与户主关系,民族,健康状况,劳动技能,在校情况,务工情况,基本医疗保险,户类型,联系电话";

    [Fact]
    public async Task A_county_account_imports_a_persons_file_and_sees_the_summary_the_errors_and_the_rejected_rows()
    {
        var client = await app.SignedInAsync("county1");
        var good = FanghuWebApp.Id("53340119900101101").Value;
        var alsoGood = FanghuWebApp.Id("53340119920202102").Value;
        var csv = $"""
            {Header}
            {FanghuWebApp.Village1},一组,T533401100001-0100,赵导入,{good},户主,汉族,健康,普通劳动力,非在校生,未务工,是,一般农户,
            {FanghuWebApp.Village1},一组,T533401100001-0100,钱导入,{alsoGood},配偶,汉族,良好,普通劳动力,非在校生,未务工,是,,
            """;

        var page = await client.GetStringAsync("/Imports");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent("Persons"), "Kind" },
            { new StringContent("true"), "SkipInvalid" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "persons.csv");
        var response = await client.PostAsync("/Imports", form);
        var result = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("导入完成", result);
        Assert.Contains("良好", result);                       // the error names the bad value…
        Assert.Contains("健康状况", result);                   // …and its column
        var download = DownloadLink().Match(result);
        Assert.True(download.Success, "a rejected-rows file is offered");
        var rejected = await client.GetAsync(WebUtility.HtmlDecode(download.Groups[1].Value));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Contains("钱导入", await rejected.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"(/Imports\\?handler=Rejected[^\"]+)\"")]
    private static partial Regex DownloadLink();
}
