using Fanghu.Divisions;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Imports;

/// <summary><c>fanghu users add</c> holds passwords to the web app's rules (AccountRules, docs/adr/0013).</summary>
public sealed class CliUserTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.Context();
        db.Divisions.AddRange(
            new Division(DivisionCode.Parse("53"), "云南省", null),
            new Division(DivisionCode.Parse("5334"), "迪庆藏族自治州", DivisionCode.Parse("53")),
            new Division(DivisionCode.Parse("533401"), "香格里拉市", DivisionCode.Parse("5334")));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_weak_password_is_refused_in_Chinese_and_no_account_is_made()
    {
        var weak = await AddAsync("county-weak", "abcdefgh12");

        Assert.Equal(1, weak.Exit);
        Assert.Contains("至少 3 种", weak.Err);
        await using var db = _database.Context();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "county-weak"));
    }

    [Fact]
    public async Task A_password_of_three_kinds_of_character_makes_the_account()
    {
        var ok = await AddAsync("county-ok", "Shangri-la2026");

        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        await using var db = _database.Context();
        Assert.True(await db.Users.AnyAsync(u => u.UserName == "county-ok"));
    }

    [Fact]
    public async Task Unlock_ends_a_lockout_and_can_clear_the_authenticator()
    {
        Assert.Equal(0, (await AddAsync("county-locked", "Shangri-la2026")).Exit);
        await using (var db = _database.Context())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "county-locked");
            user.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15);
            user.AccessFailedCount = 5;
            user.TwoFactorEnabled = true;
            await db.SaveChangesAsync();
        }

        var unlocked = await CliProcess.RunAsync(_database, "users", "unlock", "--username", "county-locked", "--reset-two-factor");
        var unknown = await CliProcess.RunAsync(_database, "users", "unlock", "--username", "nobody");

        Assert.True(unlocked.Exit == 0, unlocked.Out + unlocked.Err);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("账号不存在", unknown.Err);
        await using var after = _database.Context();
        var account = await after.Users.SingleAsync(u => u.UserName == "county-locked");
        Assert.Null(account.LockoutEnd);
        Assert.Equal(0, account.AccessFailedCount);
        Assert.False(account.TwoFactorEnabled);
    }

    private Task<(int Exit, string Out, string Err)> AddAsync(string userName, string password) =>
        CliProcess.RunAsync(_database, new Dictionary<string, string> { ["FANGHU_PASSWORD"] = password },
            "users", "add", "--username", userName, "--role", "County", "--division", "533401");
}
