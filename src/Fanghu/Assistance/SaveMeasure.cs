using Fanghu.Accounts;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Assistance;

/// <summary>Adds a measure to a household's plan (一户一方案), or updates one (status, effect, dates…).</summary>
public sealed class SaveMeasure(CaseWork work)
{
    /// <summary>Village cadres run the plan; township and county officers may record measures their units own.</summary>
    public static readonly IReadOnlyList<Role> Roles = [Role.Village, Role.Township, Role.County];

    /// <param name="MeasureId">Null to add a measure to the case's plan.</param>
    /// <param name="Version">The version the form was built from: the measure's on an update, the case's when adding one.</param>
    public sealed record Request(long CaseId, long? MeasureId, int? Version, MeasureDetails Details);

    public async Task<long> HandleAsync(Actor actor, Request r, CancellationToken ct)
    {
        if (!Roles.Contains(actor.Role)) throw new WorkflowRuleException("帮扶措施由村、乡镇或县级账号录入");
        if (r.Details.StartOn > work.Today.AddYears(5) || r.Details.StartOn.Year < 2000) throw new WorkflowRuleException("开始日期不合理");
        AssistanceMeasure measure;
        if (r.MeasureId is { } id)
        {
            measure = await work.Db.Measures.Include(m => m.Case).FirstOrDefaultAsync(m => m.Id == id && m.CaseId == r.CaseId, ct)
                ?? throw new NotFoundException("没有找到该帮扶措施，或不在您的管辖范围内");
            if (r.Version is { } v && v != measure.Version) throw await Conflicts.OfAsync(work.Db, measure, ct);
            if (measure.Case.Stage.IsClosed()) throw new WorkflowRuleException("已办结案件的措施不能再修改");
            measure.Update(r.Details);
        }
        else
        {
            var c = await work.LoadAsync(r.CaseId, r.Version, ct);
            measure = new AssistanceMeasure(c, r.Details, actor.Name, work.Now);
            work.Db.Measures.Add(measure);
        }
        await work.SaveAsync(ct);
        return measure.Id;
    }
}
