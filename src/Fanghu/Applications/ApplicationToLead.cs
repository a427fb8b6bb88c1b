using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// 一键转为监测线索: the application becomes a self-declared lead (农户自主申报) on the applicant's household, found by
/// ID number in the registry of the account's divisions; the case it opens or joins is what the application then
/// shows. Once only: the lead's source key is the application.
/// </summary>
public sealed class ApplicationToLead(CaseWork work, RecordLead leads)
{
    public async Task<RecordLead.Result> HandleAsync(Actor actor, long applicationId, int? version, CancellationToken ct)
    {
        // The lead and the application's link to it are saved together: an application changed meanwhile (another officer
        // turned it into a lead at the same moment) leaves no lead behind.
        await using var transaction = work.Db.Database.CurrentTransaction is null ? await work.Db.Database.BeginTransactionAsync(ct) : null;
        var a = await work.Db.Applications.Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == applicationId, ct)
            ?? throw new NotFoundException("没有找到该申请，或不在您的管辖范围内");
        if (version is { } v && v != a.Version) throw await Conflicts.OfApplicationAsync(work.Db, a.Id, ct);
        if (a.LeadId is not null) throw new WorkflowRuleException("该申请已转为监测线索");
        var householdId = await work.Db.Persons.Where(p => p.IdNumber == a.IdNumber).Select(p => (long?)p.HouseholdId).FirstOrDefaultAsync(ct)
            ?? throw new WorkflowRuleException("申请人的身份证号码不在本辖区登记的人口中，请先核实户籍，或登记后再转为线索");
        var summary = $"救助申请（{ApplicationWords.Area.Word(a.Area)}，{a.TrackingCode}）：{a.Content}";
        if (summary.Length > 2000) summary = summary[..2000];
        var result = await leads.HandleAsync(actor, new RecordLead.Request(householdId, LeadChannel.SelfDeclaration, work.Today, summary, [],
            a.OnBehalf ? $"{a.RequesterName}（代举）" : a.ApplicantName, SourceKey: $"application:{a.Id}"), ct);
        a.BecameLead(actor, result.LeadId, work.Now);
        await work.SaveAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return result;
    }
}
