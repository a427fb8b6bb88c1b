using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.IntegrationTests.Monitoring;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Applications;

/// <summary>
/// Applications taken from the public form to the resident's confirmation on a real database, each step in its own
/// unit of work and as the account whose role owns it, with a clock the tests move.
/// </summary>
public sealed class ApplicationWorkflowTests : IAsyncLifetime
{
    private const string VillageA = Synthetic.VillageA, VillageB = Synthetic.VillageB, OtherTownshipVillage = "533401101201";
    private static readonly Actor Township = new("t1", "乡镇干部", Role.Township);
    private static readonly Actor County = new("c1", "县局干部", Role.County);
    private static readonly Actor Medical = new("d1", "医保局干部", Role.Department);
    private static readonly Actor Village = new("v1", "村干部", Role.Village);

    private readonly AdjustableClock _clock = new(new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.Context();
        db.Divisions.AddRange(
            new Division(DivisionCode.Parse("53"), "云南省", null),
            new Division(DivisionCode.Parse("5334"), "迪庆州", DivisionCode.Parse("53")),
            new Division(DivisionCode.Parse("533401"), "香格里拉市", DivisionCode.Parse("5334")),
            new Division(DivisionCode.Parse(Synthetic.Township), "建塘镇", DivisionCode.Parse("533401")),
            new Division(DivisionCode.Parse("533401101"), "小中甸镇", DivisionCode.Parse("533401")),
            new Division(DivisionCode.Parse(VillageA), "甲村", DivisionCode.Parse(Synthetic.Township)),
            new Division(DivisionCode.Parse(VillageB), "乙村", DivisionCode.Parse(Synthetic.Township)),
            new Division(DivisionCode.Parse(OtherTownshipVillage), "团结村", DivisionCode.Parse("533401101")));
        var h = new Household("A1", DivisionCode.Parse(VillageA), HouseholdType.FormerlyPoor);
        h.AddMember("张大", IdNumber.Parse(Synthetic.Id(1)).Value!.Value,
            new PersonDetails(Relation.Head, "汉族", HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool, Employment.WithinCounty, 8, true, true, null),
            new DateOnly(2000, 1, 1));
        db.Households.Add(h);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<T> As<T>(DataScope scope, Func<FanghuDbContext, CaseWork, Task<T>> body)
    {
        await using var db = _db.Context(scope);
        return await body(db, new CaseWork(db, _clock));
    }

    private Task<FileApplication.Result> FileAsync(string village = VillageA, string phone = "13800001234", int person = 1,
        ApplicationArea area = ApplicationArea.Medical) =>
        As(DataScope.Nothing, (_, work) => new FileApplication(work).HandleAsync(
            new FileApplication.Request(area, "孩子住院，自付三万多元，家里拿不出", "张大", Synthetic.Id(person), phone, village, false, null), default));

    private static DataScope TownshipScope => DataScope.For(Role.Township, [Synthetic.Township]);
    private static DataScope CountyScope => DataScope.For(Role.County, ["533401"]);

    private Task Act(Actor actor, DataScope scope, ActOnApplication.Request r, string? department = null) =>
        As(scope, async (_, work) => { await new ActOnApplication(work).HandleAsync(actor, department, r, default); return 0; });

    private Task<TrackApplication.View?> Track(string code, string four = "1234") =>
        As(DataScope.Nothing, (_, work) => new TrackApplication(work).HandleAsync(code, four, default));

    private async Task<long> IdOf(string code)
    {
        await using var db = _db.Context();
        return await db.Applications.Where(a => a.TrackingCode == code).Select(a => a.Id).SingleAsync();
    }

    [Fact]
    public async Task A_resident_files_follows_the_answer_reopens_it_and_confirms_the_second()
    {
        var filed = await FileAsync();
        Assert.Null(filed.Error);
        var code = filed.TrackingCode!;
        Assert.Matches("^[2-9A-HJKMNP-Z]{10}$", code);
        var id = await IdOf(code);

        var seen = await Track(code);
        Assert.Equal((ApplicationStatus.Received, new DateOnly(2025, 3, 13)), (seen!.Status, seen.DueOn));
        Assert.Null(await Track(code, "9999"));          // the code alone is not enough
        Assert.Null(await Track("WRONGCODE2"));

        await Act(Township, TownshipScope, new(id, null, ActOnApplication.Action.Assign, LeadDepartment: "医保", CoDepartments: ["民政"]));
        await Act(Medical, CountyScope, new(id, null, ActOnApplication.Action.StartHandling, Text: "已电话联系"), "医保");
        _clock.Advance(TimeSpan.FromDays(2));
        await Act(Medical, CountyScope, new(id, null, ActOnApplication.Action.Close, Text: "已按规定报销大病保险二次报销部分"), "医保");
        var answered = await Track(code);
        Assert.Equal((ApplicationStatus.Closed, "已按规定报销大病保险二次报销部分"), (answered!.Status, answered.Reply));

        Assert.True(await As(DataScope.Nothing, (_, w) => new TrackApplication(w).RespondAsync(code, "1234", false, "报销后仍有两万元缺口", default)));
        var reopened = await Track(code);
        Assert.Equal(ApplicationStatus.Handling, reopened!.Status);
        Assert.Contains(reopened.Steps, s => s.What.Contains("重新办理") && s.Note == "报销后仍有两万元缺口");

        await Act(Medical, CountyScope, new(id, null, ActOnApplication.Action.Close, Text: "已申请临时救助两万元"), "医保");
        Assert.True(await As(DataScope.Nothing, (_, w) => new TrackApplication(w).RespondAsync(code, "1234", true, null, default)));
        var done = await Track(code);
        Assert.Equal(ApplicationStatus.Confirmed, done!.Status);
        Assert.Equal(["提交申请", "分办", "受理办理", "办结", "申请人不满意，重新办理", "办结", "申请人确认"], done.Steps.Select(s => s.What));
        Assert.Null(done.Steps[1].Note); // staff notes stay inside

        // A helping department does not answer for the lead one.
        var other = (await FileAsync(phone: "13800005678")).TrackingCode!;
        var otherId = await IdOf(other);
        await Act(County, CountyScope, new(otherId, null, ActOnApplication.Action.Assign, LeadDepartment: "民政", CoDepartments: ["医保"]));
        await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            Act(Medical, CountyScope, new(otherId, null, ActOnApplication.Action.Close, Text: "答复"), "医保"));
    }

    [Fact]
    public async Task The_form_is_checked_and_one_phone_files_at_most_three_a_day()
    {
        async Task<FileApplication.Result> Try(FileApplication.Request r) =>
            await As(DataScope.Nothing, (_, work) => new FileApplication(work).HandleAsync(r, default));
        var ok = new FileApplication.Request(ApplicationArea.Water, "水管冻裂，全村停水三天", "李四", Synthetic.Id(2), "0887-8221234", VillageB, true, "王五");
        Assert.Equal("IdNumber", (await Try(ok with { IdNumber = Synthetic.WithBadCheck(Synthetic.Id(2)) })).Field);
        Assert.Equal("Phone", (await Try(ok with { Phone = "12345" })).Field);
        Assert.Equal("VillageCode", (await Try(ok with { VillageCode = Synthetic.Township })).Field);
        Assert.Equal("VillageCode", (await Try(ok with { VillageCode = "533401100299" })).Field);
        Assert.Equal("RequesterName", (await Try(ok with { RequesterName = " " })).Field);
        Assert.Equal("Content", (await Try(ok with { Content = new string('难', AssistanceApplication.ContentMax + 1) })).Field);
        Assert.Equal("Area", (await Try(ok with { Area = (ApplicationArea)99 })).Field);

        for (var i = 0; i < FileApplication.PerPhonePerDay; i++) Assert.Null((await Try(ok)).Error);
        var fourth = await Try(ok);
        Assert.Equal("Phone", fourth.Field);
        Assert.Contains("一天内最多", fourth.Error);
        _clock.Advance(TimeSpan.FromDays(1.01));
        Assert.Null((await Try(ok)).Error);

        await using var db = _db.Context();
        var stored = await db.Applications.FirstAsync();
        Assert.Equal((true, "王五", "0887-8221234", VillageB, Synthetic.Township, "533401"),
            (stored.OnBehalf, stored.RequesterName, stored.Phone, stored.VillageCode, stored.TownshipCode, stored.CountyCode));
    }

    [Fact]
    public async Task Unresolved_after_ten_days_it_is_escalated_and_a_township_sees_only_its_villages()
    {
        var mine = (await FileAsync(VillageA)).TrackingCode!;
        var elsewhere = (await FileAsync(OtherTownshipVillage, phone: "13900001234")).TrackingCode!;

        async Task<string[]> Inbox(DataScope scope, ApplicationInbox.Filter filter) =>
            await As(scope, async (db, _) => (await new ApplicationInbox(db, _clock).HandleAsync(new(Role.Township, null), filter, null, 1, default))
                .Items.Select(r => r.TrackingCode).ToArray());

        Assert.Equal([mine], await Inbox(TownshipScope, ApplicationInbox.Filter.Open));
        Assert.Empty(await Inbox(TownshipScope, ApplicationInbox.Filter.Escalated));
        Assert.Equal(2, (await Inbox(CountyScope, ApplicationInbox.Filter.Open)).Length);

        _clock.Advance(TimeSpan.FromDays(10));
        Assert.Empty(await Inbox(TownshipScope, ApplicationInbox.Filter.Escalated)); // the 10th day is still in time
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal([mine], await Inbox(TownshipScope, ApplicationInbox.Filter.Escalated));
        Assert.True((await Track(mine))!.Escalated);

        // Outside its divisions an application does not exist for the township.
        var otherId = await IdOf(elsewhere);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Act(Township, TownshipScope, new(otherId, null, ActOnApplication.Action.Assign, LeadDepartment: "民政")));
        Assert.Null(await As(TownshipScope, (_, work) => new GetApplication(work).HandleAsync(new(Role.Township, null), otherId, default)));
    }

    [Fact]
    public async Task An_application_becomes_a_lead_on_the_applicants_household_once_and_shows_the_case()
    {
        var code = (await FileAsync()).TrackingCode!;
        var id = await IdOf(code);
        var villageScope = DataScope.For(Role.Village, [VillageA]);
        var lead = await As(villageScope, (db, work) => new ApplicationToLead(work, new RecordLead(work)).HandleAsync(Village, id, null, default));
        Assert.True(lead.OpenedCase);
        await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            As(villageScope, (db, work) => new ApplicationToLead(work, new RecordLead(work)).HandleAsync(Village, id, null, default)));

        Assert.Equal("入户核实", (await Track(code))!.CaseStage);
        var detail = await As(villageScope, (_, work) => new GetApplication(work).HandleAsync(new(Role.Village, null), id, default));
        Assert.Equal(lead.CaseId, detail!.CaseId);
        await using var db = _db.Context();
        var stored = await db.Leads.SingleAsync(l => l.Id == lead.LeadId);
        Assert.Equal((LeadChannel.SelfDeclaration, $"application:{id}"), (stored.Channel, stored.SourceKey));

        // Someone not in the registry cannot become a lead.
        var stranger = (await FileAsync(person: 77, phone: "13700001234")).TrackingCode!;
        var strangerId = await IdOf(stranger);
        await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            As(villageScope, (db, work) => new ApplicationToLead(work, new RecordLead(work)).HandleAsync(Village, strangerId, null, default)));
    }
}
