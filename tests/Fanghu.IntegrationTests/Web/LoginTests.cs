using System.Net;

namespace Fanghu.IntegrationTests.Web;

public sealed class LoginTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task Signing_in_with_the_form_opens_the_home_page_with_the_users_scope()
    {
        var client = app.Client();

        var login = await FanghuWebApp.PostLoginAsync(client, "village1", FanghuWebApp.Password);
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Contains("village1 测试", home);
        Assert.Contains("测试一村", home);
        Assert.Contains("退出", home);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_Chinese_error_on_the_login_page()
    {
        var response = await FanghuWebApp.PostLoginAsync(app.Client(), "village2", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_every_other_copy_of_it()
    {
        var client = await app.SignedInAsync("county1");
        var elsewhere = await app.SignedInAsync("county1");
        var home = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");

        var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        var after = await client.GetAsync("/");

        var other = await elsewhere.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.PathAndQuery);
        Assert.StartsWith("/Account/Login", other.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task The_English_switch_changes_the_language_of_the_pages()
    {
        var client = app.Client();
        Assert.Contains("登录", await client.GetStringAsync("/Account/Login"));

        var switched = await client.GetAsync("/culture/en?returnUrl=%2FAccount%2FLogin");
        var page = await client.GetStringAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/Login", switched.Headers.Location?.OriginalString);
        Assert.Contains("Sign in", page);
        Assert.Contains("<html lang=\"en\">", page);
        Assert.DoesNotContain("用户名", page);
    }
}
