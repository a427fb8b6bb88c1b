using System.Net;
using System.Text.RegularExpressions;
using Fanghu.Applications;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// 申请救助 over HTTP without an account: the form, its refusals under their fields with nothing typed lost, the
/// confirmation with the tracking code, and what comes back escaped. The limits are in ApplyLimitTests.
/// </summary>
public sealed partial class ApplyPageTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task A_resident_files_without_an_account_and_gets_the_tracking_code_after_a_redirect()
    {
        var client = app.Client();
        var form = await client.GetAsync("/Apply");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var page = await form.Content.ReadAsStringAsync();
        foreach (var area in new[] { "生活", "就业", "教育", "医疗", "住房", "饮水" }) Assert.Contains($"/> {area}</label>", page);
        Assert.Contains("<optgroup label=\"建塘镇\">", page);
        Assert.Contains($"<option value=\"{FanghuWebApp.Village1}\">测试一村</option>", page);
        Assert.Contains("他人代举", page);
        // A resident sees no staff menu and no account.
        Assert.DoesNotContain("class=\"nav\"", page);
        Assert.DoesNotContain("/Account/Logout", page);

        var filed = await ApplyForms.FileAsync(client, page, ("Input.Phone", "138 0000 1234"), ("Input.OnBehalf", "true"), ("Input.RequesterName", "李代举"));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Equal("/Apply/Filed", filed.Headers.Location?.OriginalString);

        var confirmation = await client.GetStringAsync("/Apply/Filed");
        var code = ApplyForms.TrackingCode(confirmation);
        Assert.Contains("待分办", confirmation);
        Assert.Contains("请把查询码抄在纸上或截屏保存", confirmation);
        // A reload shows it again; another browser has nothing to see.
        Assert.Equal(code, ApplyForms.TrackingCode(await client.GetStringAsync("/Apply/Filed")));
        var stranger = await app.Client().GetAsync("/Apply/Filed");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.Equal("/Apply", stranger.Headers.Location?.OriginalString);

        await using var db = app.Database.Context();
        var stored = await db.Applications.SingleAsync(a => a.TrackingCode == code);
        Assert.Equal((ApplicationArea.Medical, ApplicationSource.Public, ApplicationStatus.Received, "张测一", "13800001234", FanghuWebApp.Village1, true, "李代举"),
            (stored.Area, stored.Source, stored.Status, stored.ApplicantName, stored.Phone, stored.VillageCode, stored.OnBehalf, stored.RequesterName));
        Assert.Equal(ApplyForms.Content, stored.Content);
    }

    [Fact]
    public async Task Every_empty_field_is_named_under_it_at_once_and_what_was_typed_stays()
    {
        var client = app.Client();
        var form = await client.GetStringAsync("/Apply");
        var page = await FanghuWebApp.PostFormAsync(client, "/Apply", form,
            ("place", ""), ("Input.Content", "家里老人长期卧床，看病负担重"), ("Input.Phone", "13800002222"), ("Input.OnBehalf", "true"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Contains("<span id=\"Input_Area-error\" class=\"field-error\">请选择事项类别</span>", html);
        Assert.Equal("请填写申请人姓名", FieldError(html, "Input_ApplicantName"));
        Assert.Equal("请填写申请人身份证号码", FieldError(html, "Input_IdNumber"));
        Assert.Equal("请选择所在村（社区）", FieldError(html, "Input_VillageCode"));
        Assert.Equal("请填写代举人姓名", FieldError(html, "Input_RequesterName"));
        Assert.Null(FieldError(html, "Input_Content"));
        Assert.Null(FieldError(html, "Input_Phone"));
        Assert.Contains("家里老人长期卧床，看病负担重</textarea>", html);
        Assert.Matches("value=\"13800002222\"", html);
        Assert.Matches("id=\"Input_OnBehalf_true\"[^>]*checked=\"checked\"|checked=\"checked\"[^>]*id=\"Input_OnBehalf_true\"", html);
        await AssertNothingStoredFromAsync("13800002222");
    }

    [Fact]
    public async Task The_use_cases_refusals_stand_under_their_fields()
    {
        var client = app.Client();
        var form = await client.GetStringAsync("/Apply");
        var badId = FanghuWebApp.Id("53340119800101001").Value;
        badId = badId[..17] + (badId[17] == '1' ? '2' : '1');
        var response = await ApplyForms.FileAsync(client, form, ("Input.IdNumber", badId), ("Input.Phone", "13800003333"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("校验位不正确", FieldError(html, "Input_IdNumber"));
        Assert.Contains("aria-invalid=\"true\"", html);

        response = await ApplyForms.FileAsync(client, form, ("Input.Phone", "12345"));
        Assert.StartsWith("请填写正确的联系电话", FieldError(await response.Content.ReadAsStringAsync(), "Input_Phone"));
        await AssertNothingStoredFromAsync("13800003333");
    }

    [Fact]
    public async Task Script_typed_into_the_form_comes_back_as_text()
    {
        var client = app.Client();
        var form = await client.GetStringAsync("/Apply");
        const string script = "<script>alert('困难')</script>";
        var response = await ApplyForms.FileAsync(client, form, ("Input.Content", script), ("Input.IdNumber", "<img src=x onerror=alert(1)>"),
            ("Input.Phone", "13800004444"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;困难&#x27;)&lt;/script&gt;</textarea>", html);
        // The use case's message repeats the number as typed: encoded under the field and in the box at the top.
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", FieldError(html, "Input_IdNumber"));
    }

    [Fact]
    public async Task In_English_the_public_pages_speak_English_and_the_staff_sign_in_page_leads_to_them()
    {
        var client = app.Client();
        Assert.Contains("<a href=\"/Apply\">进入救助申请</a>", await client.GetStringAsync("/Account/Login"));

        await client.GetAsync("/culture/en");
        var form = await client.GetStringAsync("/Apply");
        Assert.Contains("<h1>Apply for assistance</h1>", form);
        Assert.Contains("/> Medical</label>", form);
        Assert.Contains("/> Drinking water</label>", form);
        var refused = await (await FanghuWebApp.PostFormAsync(client, "/Apply", form, ("Input.Content", "x"))).Content.ReadAsStringAsync();
        Assert.Contains(">Applicant&#x27;s name is required</span>", refused);
        Assert.Contains("<h1>Follow an application</h1>", await client.GetStringAsync("/Apply/Track"));
    }

    private async Task AssertNothingStoredFromAsync(string phone)
    {
        await using var db = app.Database.Context();
        Assert.False(await db.Applications.AnyAsync(a => a.Phone == phone));
    }

    /// <summary>The message FieldErrorTagHelper put right after the field with this id, or null.</summary>
    private static string? FieldError(string html, string id)
    {
        var m = Regex.Match(html, $"<span id=\"{id}-error\" class=\"field-error\">([^<]*)</span>");
        return m.Success ? m.Groups[1].Value : null;
    }
}

/// <summary>The public form as a resident fills it in, for the page tests.</summary>
internal static partial class ApplyForms
{
    public const string Content = "孩子住院做手术，自付三万多元，家里拿不出";

    /// <summary>Posts the form of <paramref name="form"/> (for its token) with a valid 医疗 application, changed by <paramref name="changes"/>.</summary>
    public static Task<HttpResponseMessage> FileAsync(HttpClient client, string form, params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["place"] = "",
            ["Input.Area"] = "Medical",
            ["Input.Content"] = Content,
            ["Input.ApplicantName"] = "张测一",
            ["Input.IdNumber"] = FanghuWebApp.Id("53340119800101001").Value,
            ["Input.Phone"] = "13800001234",
            ["Input.VillageCode"] = FanghuWebApp.Village1,
            ["Input.OnBehalf"] = "false",
            ["Input.RequesterName"] = "",
        };
        foreach (var (name, value) in changes) fields[name] = value;
        return FanghuWebApp.PostFormAsync(client, "/Apply", form, [.. fields.Select(f => (f.Key, f.Value))]);
    }

    /// <summary>Files through the form and returns the tracking code the confirmation page shows.</summary>
    public static async Task<string> FiledCodeAsync(HttpClient client, params (string Name, string Value)[] changes)
    {
        var response = await FileAsync(client, await client.GetStringAsync("/Apply"), changes);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return TrackingCode(await client.GetStringAsync("/Apply/Filed"));
    }

    public static string TrackingCode(string page)
    {
        var m = Code().Match(page);
        Assert.True(m.Success, "the page shows a tracking code");
        return m.Groups[1].Value;
    }

    [GeneratedRegex("id=\"tracking-code\">([2-9A-HJKMNP-Z]{10})</p>")]
    private static partial Regex Code();
}
