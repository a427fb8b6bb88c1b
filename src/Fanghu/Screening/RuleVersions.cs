using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Screening;

/// <summary>
/// Changes a screening rule the only way rules change (§6): by adding a version. A county account adds one for its
/// county; the prefecture and administrators add one for every division. The new version takes the rule's shape
/// (kind, measure, conditions) from the version in force for that division and the edited values from the request;
/// saved as active it retires the active version it replaces (same rule, same division), saved as a draft it
/// changes nothing that runs. No version is ever edited in place: the runs that used it keep pointing at it.
/// </summary>
public sealed class RuleVersions(FanghuDbContext db, TimeProvider clock)
{
    /// <summary>Who may add rule versions (county bureaus for their county; prefecture and administrators for all).</summary>
    public static readonly IReadOnlyList<Role> Roles = [Role.County, Role.Prefecture, Role.Admin];

    /// <param name="DivisionCode">For a county account with several counties, which one; otherwise ignored.</param>
    public sealed record Request(
        string Key,
        decimal? Threshold,
        Population Population,
        RuleWindow Window,
        string? Signal,
        string? RiskType,
        int? AgeMin,
        int? AgeMax,
        RuleStatus Status,
        string? Note = null,
        string? DivisionCode = null);

    /// <param name="Retired">The versions this one replaced (“medical-self-paid-poor v1”).</param>
    public sealed record Saved(long Id, string Key, int Version, string? DivisionCode, RuleStatus Status, IReadOnlyList<string> Retired);

    /// <summary>The division a new version of the account's would be for: null for everyone, or a county code.</summary>
    public string? DivisionFor(Actor actor, string? requested = null)
    {
        if (!Roles.Contains(actor.Role)) throw new WorkflowRuleException("本账号不能修改筛查规则");
        if (actor.Role != Role.County) return null;
        var counties = db.Scope.Codes.Where(c => c.Length == Divisions.DivisionCode.LengthOf(Divisions.DivisionLevel.County)).ToList();
        if (counties.Count == 0) throw new WorkflowRuleException("本账号没有县级区划，不能修改筛查规则");
        if (string.IsNullOrWhiteSpace(requested)) return counties[0];
        return counties.Contains(requested.Trim()) ? requested.Trim() : throw new WorkflowRuleException($"区划“{requested}”不在本账号的管辖范围内");
    }

    /// <summary>
    /// The version a new one for the division starts from: the one in force there (the division's own, else the
    /// one for everyone), or the latest when none is in force. Null when the rule does not exist.
    /// </summary>
    public async Task<ScreeningRule?> BaseAsync(string key, string? divisionCode, CancellationToken ct)
    {
        var versions = await db.ScreeningRules.AsNoTracking().Where(r => r.Key == key).ToListAsync(ct);
        return versions.Where(r => r.Status == RuleStatus.Active && r.DivisionCode == divisionCode).MaxBy(r => r.Version)
            ?? versions.Where(r => r.Status == RuleStatus.Active && r.DivisionCode == null).MaxBy(r => r.Version)
            ?? versions.MaxBy(r => r.Version);
    }

    public async Task<Saved> AddAsync(Actor actor, Request r, CancellationToken ct)
    {
        var division = DivisionFor(actor, r.DivisionCode);
        if (r.Status is not (RuleStatus.Active or RuleStatus.Draft)) throw new WorkflowRuleException("新版本只能保存为“启用”或“草稿”");
        var basis = await BaseAsync(r.Key, division, ct) ?? throw new WorkflowRuleException($"没有筛查规则“{r.Key}”");
        var dataset = DatasetTypes.Of(basis.Dataset);
        var old = basis.Definition;
        if (old.Kind == RuleKind.Threshold && r.Threshold is null) throw new WorkflowRuleException("请填写阈值");
        var definition = old with
        {
            Threshold = old.Kind == RuleKind.Threshold ? r.Threshold!.Value : old.Threshold,
            Population = r.Population,
            Window = r.Window,
            Signal = r.Signal?.Trim() ?? "",
            RiskType = string.IsNullOrWhiteSpace(r.RiskType) ? null : r.RiskType.Trim(),
            AgeMin = r.AgeMin,
            AgeMax = r.AgeMax,
        };
        if (definition.Problem(dataset) is { } problem) throw new WorkflowRuleException(problem);
        var note = Registry.Household.Clean(r.Note);
        if (note?.Length > 500) throw new WorkflowRuleException("说明不能超过 500 字");

        var latest = await db.ScreeningRules.Where(x => x.Key == r.Key).MaxAsync(x => x.Version, ct);
        var retired = new List<string>();
        if (r.Status == RuleStatus.Active)
        {
            foreach (var active in await db.ScreeningRules.Where(x => x.Key == r.Key && x.DivisionCode == division && x.Status == RuleStatus.Active).ToListAsync(ct))
            {
                active.Retire();
                retired.Add(active.Label);
            }
        }
        var version = new ScreeningRule(r.Key, latest + 1, basis.Dataset, basis.Name, definition, r.Status, division, clock.GetUtcNow(), actor.Name, note);
        db.ScreeningRules.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // (Key, Version) is unique: someone else added a version of the same rule at the same moment.
            db.ChangeTracker.Clear();
            throw new ConflictException("该规则刚被他人修改，请刷新页面后重试");
        }
        return new Saved(version.Id, version.Key, version.Version, division, version.Status, retired);
    }
}
