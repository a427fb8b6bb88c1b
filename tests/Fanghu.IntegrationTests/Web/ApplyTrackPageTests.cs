using System.Net;
using System.Text.RegularExpressions;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Data;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// 查询办理进度 over HTTP without an account: the lookup with the code and the phone's last four digits, what a wrong
/// pair says, the answer and the steps shown as text, and 满意确认 / 不满意重新办理 from the page.
/// </summary>
public sealed partial class ApplyTrackPageTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private static readonly Actor County = new("c1", "县局干部", Role.County);

    [Fact]
    public async Task A_resident_follows_the_application_with_the_code_and_the_phones_last_four_digits()
    {
        var code = await ApplyForms.FiledCodeAsync(app.Client(), ("Input.Phone", "13811112345"));

        // Later, on another phone: the code as read aloud (lower case, in two halves, full-width digits of a Chinese keyboard).
        var client = app.Client();
        var form = await client.GetStringAsync("/Apply/Track");
        Assert.Contains("name=\"Lookup.Code\"", form);
        var typed = code[..5].ToLowerInvariant() + " " + code[5..];
        var found = await Lookup(client, form, typed, "２３４５");
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        // The code and the phone stay out of the address.
        Assert.Equal("/Apply/Track", found.Headers.Location?.OriginalString);

        var page = await client.GetStringAsync("/Apply/Track");
        Assert.Contains($"<span class=\"mono\">{code}</span>", page);
        Assert.Contains("<strong id=\"status\">待分办</strong>", page);
        Assert.Contains("<dd>医疗</dd>", page);
        Assert.Contains("提交申请", page);
        Assert.Contains("还没有答复", page);
        Assert.DoesNotContain("满意，确认办结", page);
        // A reload shows it again; 退出查询 forgets it.
        Assert.Contains("<strong id=\"status\">待分办</strong>", await client.GetStringAsync("/Apply/Track"));
        var left = await FanghuWebApp.PostFormAsync(client, "/Apply/Track?handler=Forget", page);
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        var after = await client.GetStringAsync("/Apply/Track");
        Assert.DoesNotContain(code, after);
        Assert.Contains("name=\"Lookup.Code\"", after);
    }

    [Fact]
    public async Task A_wrong_last_four_digits_read_exactly_like_a_wrong_code()
    {
        var code = await ApplyForms.FiledCodeAsync(app.Client(), ("Input.Phone", "13822226789"));
        var client = app.Client();
        var form = await client.GetStringAsync("/Apply/Track");

        var wrongPhone = await Lookup(client, form, code, "6780");
        var wrongCode = await Lookup(client, form, code[..9] + (code[9] == '2' ? '3' : '2'), "6789");

        Assert.Equal(HttpStatusCode.OK, wrongPhone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrongCode.StatusCode);
        var a = await wrongPhone.Content.ReadAsStringAsync();
        var b = await wrongCode.Content.ReadAsStringAsync();
        Assert.Equal("没有找到这件申请。请核对查询码和电话号码后四位。", Alert(a));
        Assert.Equal(Alert(a), Alert(b));
        Assert.DoesNotContain("待分办", a);
        Assert.DoesNotContain("待分办", b);

        // Three digits are not the last four: said under the field, nothing looked up.
        var short3 = await (await Lookup(client, form, code, "789")).Content.ReadAsStringAsync();
        Assert.Contains("<span id=\"Lookup_PhoneLastFour-error\" class=\"field-error\">请填写联系电话的后四位数字</span>", short3);
    }

    [Fact]
    public async Task The_resident_reopens_an_answer_with_a_reason_then_confirms_the_next_and_all_text_stays_text()
    {
        var code = await ApplyForms.FiledCodeAsync(app.Client(), ("Input.Phone", "13833330001"));
        await CloseAsync(code, "已报销大病保险。<script>alert('答复')</script>");
        var client = app.Client();
        var page = await FollowAsync(client, code, "0001");

        Assert.Contains("<strong id=\"status\">已办结</strong>", page);
        Assert.Contains("已报销大病保险。&lt;script&gt;alert(&#x27;答复&#x27;)&lt;/script&gt;", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("满意，确认办结", page);

        // Not satisfied, without saying why: the message stands under the reason, nothing changes.
        var empty = await client.PostFormAsyncOk("/Apply/Track?handler=Reopen", page, ("Respond.Reason", "  "));
        Assert.Contains("<span id=\"Respond_Reason-error\" class=\"field-error\">请填写不满意的原因</span>", empty);
        Assert.Equal(ApplicationStatus.Closed, await StatusAsync(code));

        const string reason = "<img src=x onerror=alert(1)>报销后仍有两万元缺口";
        var reopened = await FanghuWebApp.PostFormAsync(client, "/Apply/Track?handler=Reopen", page, ("Respond.Reason", reason));
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        page = await client.GetStringAsync("/Apply/Track");
        Assert.Contains("已收到您的意见，申请将重新办理。", page);
        Assert.Contains("<strong id=\"status\">办理中</strong>", page);
        Assert.Contains("申请人不满意，重新办理", page);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;报销后仍有两万元缺口", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.DoesNotContain("满意，确认办结", page);

        await CloseAsync(code, "已申请临时救助两万元");
        page = await client.GetStringAsync("/Apply/Track");
        var confirmed = await FanghuWebApp.PostFormAsync(client, "/Apply/Track?handler=Confirm", page);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        page = await client.GetStringAsync("/Apply/Track");
        Assert.Contains("已确认办结，感谢您的反馈。", page);
        Assert.Contains("<strong id=\"status\">已确认</strong>", page);
        Assert.Equal(ApplicationStatus.Confirmed, await StatusAsync(code));
        // Said once.
        Assert.DoesNotContain("感谢您的反馈", await client.GetStringAsync("/Apply/Track"));
    }

    [Fact]
    public async Task Confirming_needs_a_lookup_in_this_browser_and_an_answer_to_confirm()
    {
        var code = await ApplyForms.FiledCodeAsync(app.Client(), ("Input.Phone", "13844440002"));

        // A browser that looked nothing up confirms nothing.
        var stranger = app.Client();
        var form = await stranger.GetStringAsync("/Apply/Track");
        var refused = await stranger.PostFormAsyncOk("/Apply/Track?handler=Confirm", form);
        Assert.Contains("查询已结束，请重新输入查询码和电话号码后四位。", refused);

        // Not answered yet: the domain's refusal shows with the application.
        var client = app.Client();
        var page = await FollowAsync(client, code, "0002");
        var early = await client.PostFormAsyncOk("/Apply/Track?handler=Confirm", page);
        Assert.Contains("申请办结后才能确认", Alert(early));
        Assert.Contains("<strong id=\"status\">待分办</strong>", early);
        Assert.Equal(ApplicationStatus.Received, await StatusAsync(code));
    }

    private static Task<HttpResponseMessage> Lookup(HttpClient client, string page, string code, string four) =>
        FanghuWebApp.PostFormAsync(client, "/Apply/Track", page, ("Lookup.Code", code), ("Lookup.PhoneLastFour", four));

    /// <summary>Looks the application up in this client and returns the page that shows it.</summary>
    private static async Task<string> FollowAsync(HttpClient client, string code, string four)
    {
        var found = await Lookup(client, await client.GetStringAsync("/Apply/Track"), code, four);
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        return await client.GetStringAsync("/Apply/Track");
    }

    /// <summary>The county assigns (when not yet) and closes the application with this answer, as its staff page would.</summary>
    private async Task CloseAsync(string code, string reply)
    {
        await using var db = app.Database.Context(DataScope.For(Role.County, ["533401"]));
        var work = new CaseWork(db, app.Clock);
        var a = await db.Applications.SingleAsync(x => x.TrackingCode == code);
        if (a.Status == ApplicationStatus.Received)
            await new ActOnApplication(work).HandleAsync(County, null, new(a.Id, null, ActOnApplication.Action.Assign, LeadDepartment: "医保"), default);
        await new ActOnApplication(work).HandleAsync(County, null, new(a.Id, null, ActOnApplication.Action.Close, Text: reply), default);
    }

    private async Task<ApplicationStatus> StatusAsync(string code)
    {
        await using var db = app.Database.Context();
        return await db.Applications.Where(a => a.TrackingCode == code).Select(a => a.Status).SingleAsync();
    }

    private static string? Alert(string html)
    {
        var m = AlertBox().Match(html);
        return m.Success ? Regex.Replace(m.Groups[1].Value, "<[^>]+>|\\s+", "") : null;
    }

    [GeneratedRegex("<div class=\"alert\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex AlertBox();
}
