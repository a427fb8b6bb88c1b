using System.Net;
using Fanghu.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.IntegrationTests.Web;

/// <summary>Lockout, password rules, the sign-in limit per address and the session's lifetime (docs/adr/0013).</summary>
public sealed class AccountSecurityTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_a_stated_time_even_for_the_right_password()
    {
        var user = await AddUserAsync("lock1");
        var client = app.Client();
        for (var i = 0; i < 4; i++)
            Assert.Contains("用户名或密码错误", await Body(await FanghuWebApp.PostLoginAsync(client, user.UserName!, "Wrong#2026pass")));

        var fifth = await Body(await FanghuWebApp.PostLoginAsync(client, user.UserName!, "Wrong#2026pass"));
        var right = await FanghuWebApp.PostLoginAsync(client, user.UserName!, FanghuWebApp.Password);

        Assert.Contains("账号已锁定至", fifth);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var page = await Body(right);
        Assert.Contains("账号已锁定至", page);
        // Fifteen minutes from now, in Beijing time to the minute.
        var until = DateTimeOffset.UtcNow.AddMinutes(15).ToOffset(TimeSpan.FromHours(8));
        Assert.Matches($"锁定至 \\d{{4}}年\\d{{1,2}}月\\d{{1,2}}日 ({until:HH:mm}|{until.AddMinutes(-1):HH:mm})", page);
        Assert.DoesNotContain("用户名或密码错误", page);
    }

    [Fact]
    public async Task After_the_lockout_period_the_right_password_signs_in_again()
    {
        var user = await AddUserAsync("lock2");
        var client = app.Client();
        for (var i = 0; i < 5; i++) await FanghuWebApp.PostLoginAsync(client, user.UserName!, "Wrong#2026pass");
        Assert.Contains("账号已锁定至", await Body(await FanghuWebApp.PostLoginAsync(client, user.UserName!, FanghuWebApp.Password)));

        // Identity compares the lockout's end with the system clock (it takes no TimeProvider): the period passing
        // is the end moving into the past.
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
            var stored = (await users.FindByNameAsync(user.UserName!))!;
            stored.LockoutEnd = stored.LockoutEnd!.Value.AddMinutes(-15).AddSeconds(-1);
            Assert.True((await users.UpdateAsync(stored)).Succeeded);
        }
        var again = await FanghuWebApp.PostLoginAsync(client, user.UserName!, FanghuWebApp.Password);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_is_never_said_to_be_locked()
    {
        var client = app.Client();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 7; i++) last = await FanghuWebApp.PostLoginAsync(client, "nobody-here", "Wrong#2026pass");

        var page = await Body(last);
        Assert.Contains("用户名或密码错误（连续输错 5 次，账号将锁定 15 分钟）", page);
        Assert.DoesNotContain("锁定至", page);
    }

    [Fact]
    public async Task The_lockout_follows_the_configuration()
    {
        await using var factory = app.WithWebHostBuilder(b => b.UseSetting("Accounts:FailuresBeforeLockout", "2").UseSetting("Accounts:LockoutMinutes", "30"));
        var user = await AddUserAsync("lock3");
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var first = await Body(await FanghuWebApp.PostLoginAsync(client, user.UserName!, "Wrong#2026pass"));
        var second = await Body(await FanghuWebApp.PostLoginAsync(client, user.UserName!, "Wrong#2026pass"));

        Assert.Contains("连续输错 2 次，账号将锁定 30 分钟", first);
        Assert.Contains("账号已锁定至", second);
    }

    [Theory]
    [InlineData("short1A", "密码至少 10 位")]
    [InlineData("abcdefghij", "至少 3 种")]
    [InlineData("abcdefgh12", "至少 3 种")]
    [InlineData("aaaaaaaA1!", "至少包含 5 个不同的字符")]
    public async Task Weak_passwords_are_refused_in_Chinese(string password, string message)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();

        var result = await users.CreateAsync(NewUser("weak-" + Guid.NewGuid().ToString("N")[..8]), password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("abcdefgh1!")]
    [InlineData("Abcdefgh12")]
    [InlineData("ABCDEFGH-1")]
    public async Task Three_kinds_of_character_and_ten_in_all_are_enough(string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();

        var result = await users.CreateAsync(NewUser("ok-" + Guid.NewGuid().ToString("N")[..8]), password);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task Sign_in_attempts_over_the_address_limit_get_a_Chinese_429_page()
    {
        await using var factory = app.WithWebHostBuilder(b => b.UseSetting("Accounts:LoginsPerAddress", "3").UseSetting("Accounts:LoginWindowMinutes", "10"));
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await FanghuWebApp.PostLoginAsync(client, "guess" + i, "Wrong#2026pass")).StatusCode);

        // Even the right password: the limit is on what an address sends, whoever it names.
        var refused = await FanghuWebApp.PostLoginAsync(client, "county1", FanghuWebApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        var page = await Body(refused);
        Assert.Contains("登录尝试太频繁了", page);
        Assert.Contains("请 1 分钟后再试", page);
        // Opening the page is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task A_session_slides_while_used_and_ends_eight_hours_after_its_sign_in()
    {
        var client = await app.SignedInAsync("county1");

        // Every hour and a half of a working day: each request moves the two idle hours on.
        for (var i = 0; i < 5; i++)
        {
            app.Clock.Pass(TimeSpan.FromMinutes(90));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
        app.Clock.Pass(TimeSpan.FromMinutes(31));
        var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_session_left_alone_for_two_hours_ends()
    {
        var client = await app.SignedInAsync("county1");
        app.Clock.Pass(TimeSpan.FromMinutes(100));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        app.Clock.Pass(TimeSpan.FromMinutes(121));
        var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.PathAndQuery);
    }

    private async Task<FanghuUser> AddUserAsync(string userName)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
        var user = NewUser(userName);
        var result = await users.CreateAsync(user, FanghuWebApp.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    private static FanghuUser NewUser(string userName) =>
        new() { UserName = userName, DisplayName = userName, Role = Role.County, DivisionCodes = ["533401"] };

    private static Task<string> Body(HttpResponseMessage response) => response.Content.ReadAsStringAsync();
}
