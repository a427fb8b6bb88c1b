using Fanghu.Accounts;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Monitoring;

/// <summary>
/// Records a lead (线索) from any channel (§5.1): it opens a case, or attaches to the household's open one, so a
/// household never has two cases running. A cadre's visit may also record the guarantees checked and the
/// income of the last 12 months as estimated.
/// </summary>
public sealed class RecordLead(CaseWork work)
{
    public sealed record GuaranteeSeen(GuaranteeAspect Aspect, bool Secure, string? Evidence);

    public sealed record Request(
        long HouseholdId,
        LeadChannel Channel,
        DateOnly ReportedOn,
        string? Summary,
        IReadOnlyList<string> RiskTypes,
        string? Reporter = null,
        decimal? EstimatedIncome12Months = null,
        IReadOnlyList<GuaranteeSeen>? Guarantees = null,
        string? SourceKey = null);

    /// <param name="Duplicate">The same source (warning, income year) had already given a lead: nothing was added.</param>
    public sealed record Result(long LeadId, long CaseId, bool OpenedCase, bool ReEntry, bool Duplicate);

    /// <summary>Which roles may record a lead of each channel.</summary>
    public static IReadOnlyList<Role> RolesFor(LeadChannel channel) => channel switch
    {
        LeadChannel.CadreVisit => [Role.Village, Role.Township],
        LeadChannel.SelfDeclaration => [Role.Village, Role.Township, Role.County],
        LeadChannel.DepartmentWarning => [Role.Department, Role.County, Role.Admin],
        LeadChannel.IncomeMonitoring => [Role.County, Role.Admin],
        _ => [],
    };

    /// <summary>Refuses guarantee aspects outside the list (a number an API caller made up).</summary>
    internal static void CheckGuarantees(IReadOnlyList<GuaranteeSeen>? guarantees)
    {
        foreach (var g in guarantees ?? [])
        {
            if (!Enum.IsDefined(g.Aspect)) throw new WorkflowRuleException($"“{(int)g.Aspect}”不是保障事项");
            if (g.Evidence?.Trim().Length > 500) throw new WorkflowRuleException("保障核查依据不能超过 500 字");
        }
    }

    public async Task<Result> HandleAsync(Actor actor, Request r, CancellationToken ct)
    {
        var household = await work.Db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == r.HouseholdId, ct)
            ?? throw new NotFoundException("没有找到该户，或不在您的管辖范围内");
        var added = await AddAsync(actor, household, r, ct);
        await work.SaveAsync(ct);
        return added.Result();
    }

    /// <summary>
    /// The entry point for department warnings (§6): the person's household gets the lead. Re-running the same
    /// warning (same <see cref="Request.SourceKey"/>) adds nothing.
    /// </summary>
    public async Task<Result> ForPersonAsync(Actor actor, string idNumber, Request r, CancellationToken ct)
    {
        // Stored numbers are normalised (upper-case X, 18 digits); a number as typed or pasted must be too, or it is never found.
        var parsed = IdNumber.Parse(idNumber);
        if (parsed.Value is not { } id) throw new WorkflowRuleException(parsed.Error ?? "证件号码有误");
        var householdId = await work.Db.Persons.Where(p => p.IdNumber == id.Value).Select(p => (long?)p.HouseholdId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("证件号码不在登记的人口中，或不在您的管辖范围内");
        return await HandleAsync(actor, r with { HouseholdId = householdId }, ct);
    }

    /// <summary>A lead added to the unit of work (ids are known once saved), or the earlier lead from the same source.</summary>
    internal sealed record Added(Lead? Lead, MonitoringCase? Case, bool Opened, Result? Duplicate)
    {
        public Result Result() => Duplicate ?? new Result(Lead!.Id, Case!.Id, Opened, Opened && Case.IsReEntry, Duplicate: false);
    }

    /// <summary>Adds the lead to the unit of work without saving (batch callers save once).</summary>
    internal async Task<Added> AddAsync(Actor actor, Household household, Request r, CancellationToken ct)
    {
        var summary = Check(actor, r);

        // Compared as stored (trimmed), or a key sent with a stray space would give a second lead on every re-run.
        if (r.SourceKey?.Trim() is { Length: > 0 } key)
        {
            var known = await work.Db.Leads.Where(l => l.HouseholdId == household.Id && l.SourceKey == key)
                .Select(l => new { l.Id, l.CaseId }).FirstOrDefaultAsync(ct);
            if (known is not null) return new Added(null, null, false, new Result(known.Id, known.CaseId, false, false, Duplicate: true));
        }

        var latest = await work.Db.MonitoringCases.Where(c => c.HouseholdId == household.Id)
            .OrderByDescending(c => c.Episode).FirstOrDefaultAsync(ct);
        return await AddToLatestAsync(actor, household, r, summary, latest, ct);
    }

    /// <summary>
    /// For a batch caller that has already checked the source keys and looked up each household's latest case (the
    /// highest episode, tracked; or the case an earlier lead of the same batch opened): adds the lead without a
    /// query per lead. The checks on the request are <see cref="AddAsync"/>'s.
    /// </summary>
    internal async Task<Added> AddWithLatestAsync(Actor actor, Household household, Request r, MonitoringCase? latest, CancellationToken ct)
    {
        var summary = Check(actor, r);
        return await AddToLatestAsync(actor, household, r, summary, latest, ct);
    }

    /// <summary>Refuses a request the workflow cannot take; its summary, present.</summary>
    private string Check(Actor actor, Request r)
    {
        // An undefined channel (a number an API caller made up) has no name to put in the refusal below.
        if (!Enum.IsDefined(r.Channel)) throw new WorkflowRuleException("请选择线索来源");
        if (!RolesFor(r.Channel).Contains(actor.Role))
            throw new WorkflowRuleException($"“{MonitoringWords.Channel.Word(r.Channel)}”线索不能由本账号录入");
        var today = work.Today;
        if (r.ReportedOn > today) throw new WorkflowRuleException("线索日期不能晚于今天");
        if (string.IsNullOrWhiteSpace(r.Summary)) throw new WorkflowRuleException("请填写发现的情况");
        if (r.Summary.Trim().Length > 2000) throw new WorkflowRuleException("情况说明不能超过 2000 字");
        // The columns' limits, checked here so that an over-long field is a refusal, not a failed save (PostgreSQL enforces them).
        if (r.Reporter?.Trim().Length > 100) throw new WorkflowRuleException("报告人不能超过 100 字");
        if (r.SourceKey?.Trim().Length > 200) throw new WorkflowRuleException("来源标识不能超过 200 字");
        if (r.RiskTypes.Count > RiskTypes.MaxPerCase) throw new WorkflowRuleException($"风险类型最多 {RiskTypes.MaxPerCase} 项");
        foreach (var code in r.RiskTypes)
            if (!RiskTypes.IsCode(code)) throw new WorkflowRuleException($"“{code}”不是风险类型代码");
        if (r.EstimatedIncome12Months is < 0 or > 100_000_000m) throw new WorkflowRuleException("估算收入应在 0 至 1 亿元之间");
        CheckGuarantees(r.Guarantees);
        return r.Summary;
    }

    /// <summary>
    /// For a batch writer that stores the new rows itself (<see cref="Data.NewEntities"/>): the lead, and the case it opens
    /// when the household's latest one is closed, built but not added to the unit of work. Such a batch must not touch a
    /// stored open case: a lead that joins one goes through <see cref="AddWithLatestAsync"/>.
    /// </summary>
    internal async Task<Added> ComposeAsync(Actor actor, Household household, Request r, MonitoringCase? latest, CancellationToken ct)
    {
        var summary = Check(actor, r);
        if (r.Guarantees is { Count: > 0 } || r.EstimatedIncome12Months is not null)
            throw new InvalidOperationException("a composed lead carries no guarantees or income: they change the household");
        if (latest is { Id: > 0 } && !latest.Stage.IsClosed())
            throw new InvalidOperationException("a lead that joins a stored open case is added to the unit of work");
        return await ComposeAsync(actor, household, r, summary, latest, ct);
    }

    private async Task<Added> ComposeAsync(Actor actor, Household household, Request r, string summary, MonitoringCase? latest, CancellationToken ct)
    {
        var opened = latest is null || latest.Stage.IsClosed();
        var @case = opened
            ? MonitoringCase.Open(household, latest, r.ReportedOn, await work.PolicyAsync(household.VillageCode, r.ReportedOn, ct))
            : latest!;
        var lead = new Lead(household, @case, r.Channel, r.ReportedOn, work.Now, actor,
            new LeadDetails(summary, r.RiskTypes, r.Reporter, r.EstimatedIncome12Months, r.SourceKey));
        @case.Attach(lead, actor, work.Now);
        return new Added(lead, @case, opened, null);
    }

    private async Task<Added> AddToLatestAsync(Actor actor, Household household, Request r, string summary, MonitoringCase? latest,
        CancellationToken ct)
    {
        var added = await ComposeAsync(actor, household, r, summary, latest, ct);
        if (added.Opened) work.Db.MonitoringCases.Add(added.Case!);
        work.Db.Leads.Add(added.Lead!);

        foreach (var g in r.Guarantees ?? [])
            household.RecordGuarantee(g.Aspect, g.Secure, r.ReportedOn, string.IsNullOrWhiteSpace(g.Evidence) ? "走访核查" : g.Evidence);
        if (r.EstimatedIncome12Months is { } income)
            work.Db.IncomeAssessments.Add(new IncomeAssessment(household, r.ReportedOn, 12, income,
                Math.Max(1, household.SizeOn(r.ReportedOn)), actor.Name, "走访估算"));

        return added;
    }
}
