using Fanghu.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

public sealed class AccountJourneys(BrowserApp app) : Journey(app)
{
    [BrowserFact]
    public Task A_village_cadre_signs_in_and_out() => Walk(async () =>
    {
        var page = await NewPageAsync(Screen.Phone);
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(UrlPath("/Account/Login"));

        await page.GetByLabel("用户名").FillAsync("village");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码错误");
        await Expect(page.GetByLabel("用户名")).ToHaveValueAsync("village");

        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("扎西次仁");
        await ShowcaseAsync(page, "home-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlPath("/Account/Login"));
        await page.GotoAsync("/Registry/Households");
        await Expect(page).ToHaveURLAsync(UrlPath("/Account/Login"));
    });
}
