using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Fanghu.Reports;
using Fanghu.Screening;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// The scope matrix's own web host and world (so the walk disturbs no other test): FanghuWebApp's two villages, plus a
/// village at every distance from village 1 — another village of its township, another township of its county,
/// another county of its prefecture, another prefecture. Every village holds one of each record an address names (a
/// household with an open case, an application led by 医保, a 医保 screening run, a frozen report), so each role has
/// a record inside its divisions (village 1) and the nearest one outside them. One account per role.
/// </summary>
public sealed class ScopeMatrixWorld : IAsyncLifetime
{
    public const string Department = "医保";

    /// <summary>Village 1 is inside every account's divisions; each other village is just outside some role's.</summary>
    public static readonly Place[] Places =
    [
        new("V1", FanghuWebApp.Village1, FanghuWebApp.Household1),
        new("V2", FanghuWebApp.Village2, FanghuWebApp.Household2),
        new("V3", "533401101001", "T533401101001-0001"),
        new("V4", "533422100001", "T533422100001-0001"),
        new("V5", "533301100001", "T533301100001-0001"),
    ];

    /// <summary>The accounts (user name, role, division) and the village nearest outside their divisions (null: none is).</summary>
    public static readonly IReadOnlyDictionary<Role, (string User, string Division, string? Outside)> Accounts = new Dictionary<Role, (string, string, string?)>
    {
        [Role.Village] = ("village1", FanghuWebApp.Village1, "V2"),
        [Role.Township] = ("township1", "533401100", "V3"),
        [Role.County] = ("county1", "533401", "V4"),
        [Role.Prefecture] = ("prefecture1", "5334", "V5"),
        [Role.Department] = ("department1", "5334", "V5"),
        // DESIGN §1: an auditor reads "any scope granted" — here one county.
        [Role.Auditor] = ("auditor1", "533401", "V4"),
        [Role.Admin] = ("admin1", "", null),
    };

    public FanghuWebApp App { get; } = new()
    {
        // The walk posts every public form once per role: the limits per address have tests of their own.
        Settings = { ["PublicApplications:FilingsPerIp"] = "1000", ["PublicApplications:LookupsPerIp"] = "1000" },
    };

    /// <summary>The records of each place by its name (V1…V5).</summary>
    public Dictionary<string, Records> Of { get; } = [];

    public sealed record Place(string Name, string Village, string HouseholdNumber);

    /// <param name="Markers">Text that identifies the place's records and appears nowhere else: a body holding one has shown the record.</param>
    public sealed record Records(long Household, long Person, long Case, long Application, long Run, long Snapshot, string[] Markers);

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)App).InitializeAsync();
        await AddDivisionsAsync();
        foreach (var place in Places) Of[place.Name] = await AddRecordsAsync(place);
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
        foreach (var (role, (user, division, _)) in Accounts)
        {
            if (await users.FindByNameAsync(user) is not null) continue;
            var result = await users.CreateAsync(new FanghuUser
            {
                UserName = user,
                DisplayName = user + " 测试",
                Role = role,
                DivisionCodes = division.Length > 0 ? [division] : [],
                Department = role == Role.Department ? Department : null,
            }, FanghuWebApp.Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();

    private async Task AddDivisionsAsync()
    {
        await using var db = App.Database.Context();
        db.Divisions.AddRange(
            new Division(DivisionCode.Parse("533401101"), "小中甸镇", DivisionCode.Parse("533401")),
            new Division(DivisionCode.Parse("533401101001"), "测试三村", DivisionCode.Parse("533401101")),
            new Division(DivisionCode.Parse("533422"), "德钦县", DivisionCode.Parse("5334")),
            new Division(DivisionCode.Parse("533422100"), "升平镇", DivisionCode.Parse("533422")),
            new Division(DivisionCode.Parse("533422100001"), "测试四村", DivisionCode.Parse("533422100")),
            new Division(DivisionCode.Parse("5333"), "怒江傈僳族自治州", DivisionCode.Parse("53")),
            new Division(DivisionCode.Parse("533301"), "泸水市", DivisionCode.Parse("5333")),
            new Division(DivisionCode.Parse("533301100"), "六库镇", DivisionCode.Parse("533301")),
            new Division(DivisionCode.Parse("533301100001"), "测试五村", DivisionCode.Parse("533301100")));
        await db.SaveChangesAsync();
    }

    private async Task<Records> AddRecordsAsync(Place place)
    {
        var digit = place.Name[1..];
        var applicant = $"申请人{place.Name}";
        var runFile = $"scope-{place.Name}.csv";
        var note = $"冻结说明{place.Name}";
        await using var db = App.Database.Context();
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Number == place.HouseholdNumber);
        if (household is null)
        {
            household = new Household(place.HouseholdNumber, DivisionCode.Parse(place.Village), HouseholdType.FormerlyPoor);
            household.AddMember($"户主{place.Name}", FanghuWebApp.Id($"{place.Village[..6]}1970010100{digit}"), Details());
            db.Households.Add(household);
        }
        var monitoringCase = await db.MonitoringCases.FirstOrDefaultAsync(c => c.HouseholdId == household.Id);
        if (monitoringCase is null)
        {
            monitoringCase = new MonitoringCase(household, 1, MonitoringCategory.UnstableFormerlyPoor, ["01"], new DateOnly(2022, 1, 31), CaseOrigin.Imported);
            db.MonitoringCases.Add(monitoringCase);
        }
        var run = new ScreeningRun(DatasetKind.MedicalSettlements, runFile, new DateOnly(2025, 12, 31), "system", "系统", Department,
            new DataScope(false, [place.Village]), DateTimeOffset.UtcNow);
        db.ScreeningRuns.Add(run);
        await db.SaveChangesAsync();

        var (application, code) = await ApplicationPages.FileAsync(App, place.Village, $"{place.Village[..6]}1990020200{digit}", $"1390000000{digit}",
            name: applicant);
        await using (var acting = App.Database.Context())
            await new ActOnApplication(new CaseWork(acting, App.Clock)).HandleAsync(Actor.System, null,
                new ActOnApplication.Request(application, null, ActOnApplication.Action.Assign, LeadDepartment: Department), default);

        FreezeReport.Result frozen;
        await using (var freezing = App.Database.Context())
            frozen = await new FreezeReport(freezing, App.Clock).HandleAsync(Actor.System,
                new FreezeReport.Request("monitoring", place.Village, "2025", Note: note), default);
        Assert.True(frozen.Ok, frozen.Message);

        return new Records(household.Id, household.Members.First().Id, monitoringCase.Id, application, run.Id, frozen.Snapshot.Id,
            [place.HouseholdNumber, household.Members.First().Name, code, applicant, runFile, note]);
    }

    private static PersonDetails Details() =>
        new(Relation.Head, "藏族", HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool,
            Employment.WithinCounty, 6, true, true, null);
}
