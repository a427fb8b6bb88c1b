using System.Net;
using System.Text.RegularExpressions;
using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// The web host on a fresh database (environment "Testing": nothing migrates or loads on start), with a small
/// world of its own: two villages of one township, one household in each, and accounts for each village and
/// for the township and the county, auditors and an administrator. One instance per test class.
/// </summary>
public sealed partial class FanghuWebApp : WebApplicationFactory<Fanghu.Web.WebHost>, IAsyncLifetime
{
    public const string Password = "Test#2026pass";
    public const string Village1 = "533401100001";
    public const string Village2 = "533401100002";
    public const string Household1 = "T533401100001-0001";
    public const string Household2 = "T533401100002-0001";
    public const string Household1Phone = "13887651234";

    private readonly string _importFolder = Path.Combine(Path.GetTempPath(), "fanghu-tests", "imports-" + Guid.NewGuid().ToString("N"));
    private readonly string? _postgresServer;
    private TestDatabase? _database;

    public FanghuWebApp() { }

    /// <summary>On a database of its own on this PostgreSQL server (the fault tests' throwaway cluster).</summary>
    internal FanghuWebApp(string postgresServer) => _postgresServer = postgresServer;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    /// <summary>The host's clock: the real time until a test lets days pass (public notices, deadlines).</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Further settings of the host, given before it starts (a test class's own fixture).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public long Household1Id { get; private set; }
    public long Household2Id { get; private set; }

    public async Task InitializeAsync()
    {
        _database = _postgresServer is null ? await TestDatabase.CreateAsync() : await TestDatabase.CreateAsync(_postgresServer);
        await ArrangeRegistryAsync();
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
        await AddUserAsync(users, "village1", Role.Village, Village1);
        await AddUserAsync(users, "village2", Role.Village, Village2);
        await AddUserAsync(users, "township1", Role.Township, "533401100");
        await AddUserAsync(users, "county1", Role.County, "533401");
        await AddUserAsync(users, "prefecture1", Role.Prefecture, "5334");
        await AddUserAsync(users, "department1", Role.Department, "5334", "医保");
        // 审计/纪检: one for the township (both villages), one for the second village only; an administrator sees everything.
        await AddUserAsync(users, "auditor1", Role.Auditor, "533401100");
        await AddUserAsync(users, "auditor2", Role.Auditor, Village2);
        await AddUserAsync(users, "admin1", Role.Admin, "53");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Settings.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Fanghu", Database.Settings.ConnectionString);
        builder.UseSetting("Imports:Folder", _importFolder);
        // The dashboard's background refresher stays off: a test's own request counts the few units it needs.
        builder.UseSetting("Dashboard:RefreshSeconds", "0");
        // Every test signs in from the same (unknown) address; the sign-in limit has tests of its own.
        builder.UseSetting("Accounts:LoginsPerAddress", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs in through the login form, as a browser would, and returns the response to the POST.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, "the login form carries an antiforgery token");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
    }

    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = Client();
        var response = await PostLoginAsync(client, userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>
    /// Posts a form as a browser would: the fields as typed (a name may repeat, as checkboxes do) plus the
    /// antiforgery token of a page the same client has just read.
    /// </summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string action, string pageWithToken,
        params (string Name, string Value)[] fields)
    {
        var token = AntiforgeryToken().Match(pageWithToken);
        Assert.True(token.Success, "the page carries an antiforgery token");
        var body = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return client.PostAsync(action, new FormUrlEncodedContent(body));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        try { Directory.Delete(_importFolder, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }

    private async Task ArrangeRegistryAsync()
    {
        await using var db = Database.Context();
        db.Divisions.AddRange(
            new Division(DivisionCode.Parse("53"), "云南省", null),
            new Division(DivisionCode.Parse("5334"), "迪庆藏族自治州", DivisionCode.Parse("53")),
            new Division(DivisionCode.Parse("533401"), "香格里拉市", DivisionCode.Parse("5334")),
            new Division(DivisionCode.Parse("533401100"), "建塘镇", DivisionCode.Parse("533401")),
            new Division(DivisionCode.Parse(Village1), "测试一村", DivisionCode.Parse("533401100")),
            new Division(DivisionCode.Parse(Village2), "测试二村", DivisionCode.Parse("533401100")));

        // Three members and 19,000 元 net in 2024: 6,333.33 元 per person, under Yunnan's 8,700 line.
        var first = new Household(Household1, DivisionCode.Parse(Village1), HouseholdType.FormerlyPoor);
        first.Update(DivisionCode.Parse(Village1), null, HouseholdType.FormerlyPoor, Household1Phone);
        first.AddMember("张测一", Id("53340119800101001"), Details(Relation.Head));
        first.AddMember("李测一", Id("53340119820202002"), Details(Relation.Spouse));
        first.AddMember("张小测", Id("53340120100303003"), Details(Relation.Son));
        first.SetIncome(2024, new IncomeAmounts(Wages: 10000m, OperatingIncome: 6000m, OperatingExpense: 2000m, PropertyIncome: 0m, TransferIncome: 5000m));

        var second = new Household(Household2, DivisionCode.Parse(Village2), HouseholdType.Ordinary);
        second.AddMember("王测二", Id("53340119750505005"), Details(Relation.Head));

        db.Households.AddRange(first, second);
        db.MonitoringCases.Add(new MonitoringCase(first, 1, MonitoringCategory.UnstableFormerlyPoor, ["01"], new DateOnly(2022, 1, 31), CaseOrigin.Imported));
        await db.SaveChangesAsync();
        Household1Id = first.Id;
        Household2Id = second.Id;
    }

    /// <summary>A synthetic ID number with a valid check character.</summary>
    public static IdNumber Id(string first17) =>
        IdNumber.Parse(first17 + IdNumber.ComputeCheckCharacter(first17)).Value!.Value;

    private static PersonDetails Details(Relation relation) =>
        new(relation, "藏族", HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool,
            Employment.WithinCounty, 6, true, true, null);

    private static async Task AddUserAsync(UserManager<FanghuUser> users, string userName, Role role, string code, string? department = null)
    {
        var result = await users.CreateAsync(
            new FanghuUser { UserName = userName, DisplayName = userName + " 测试", Role = role, DivisionCodes = [code], Department = department }, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>
/// The real clock moved on when a test says so. Sign-in cookies use the same clock (a session ends after two idle
/// hours, or eight after its sign-in): sign in again after letting days pass. Identity's lockout reads the system
/// clock, not this one.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _offset;

    public void PassDays(int days) => _offset += TimeSpan.FromDays(days);

    public void Pass(TimeSpan time) => _offset += time;
}
