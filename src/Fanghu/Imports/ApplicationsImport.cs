using Fanghu.Applications;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Imports;

/// <summary>
/// History of resident applications migrated from the provincial platform (救助申请历史, DESIGN §7): one row per
/// application, keyed by its 受理编号. Each becomes an application filed — and, with a 办结日期, closed — on the
/// platform's dates, so the KPIs of past periods come out as the platform counted them.
/// <para>
/// Importing again: a 受理编号 already imported is left as it is and counted unchanged — except one imported open
/// that the file now gives a 办结日期 for (a later export of the platform), which is closed with that date and result
/// and counted changed. One that staff have since taken up in Fanghu is not closed by a file: that row is an error.
/// </para>
/// </summary>
internal sealed class ApplicationsImport(FanghuDbContext db) : ImportTemplate(db)
{
    public const string Number = "受理编号", FiledOn = "申请日期", Name = "申请人姓名", Id = "证件号码", Phone = "联系电话",
        Division = "行政区划代码", Area = "事项类别", Content = "诉求内容", ClosedOn = "办结日期", Result = "办理结果";

    private const int NumberMax = 60, NameMax = 50;
    private const int NamesListed = 5;

    private static readonly ColumnSpec[] Spec =
    [
        new(Number, true, "受理号", "申请编号"),
        new(FiledOn, true, "申请时间"),
        new(Name, true, "申请人"),
        new(Id, true, "身份证号", "身份证号码", "证件号", "申请人证件号码"),
        new(Phone, true, "电话", "手机号码", "联系方式"),
        new(Division, true, "区划代码", "所在区划代码"),
        new(Area, true, "事项类型", "诉求类别"),
        new(Content, true, "申请内容", "诉求描述"),
        new(ClosedOn, false, "办结时间"),
        new(Result, false, "办理情况", "答复内容"),
    ];

    // Validation state: the file's numbers with their first row, and what the database already holds of them.
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly List<ApplicationRow> _pending = [];
    private readonly HashSet<string> _unchanged = new(StringComparer.Ordinal);
    private readonly HashSet<string> _toConclude = new(StringComparer.Ordinal);
    private readonly List<string> _differing = [];
    private int _differingCount, _converted15, _beforeFirstPolicy;
    private HashSet<string> _divisions = [];
    private List<PolicySet> _policies = [];

    // Write state.
    private readonly List<ApplicationRow> _new = [];
    private readonly List<ApplicationRow> _conclude = [];
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();
    private readonly DateOnly _today = TimeProvider.System.Today();

    public override ImportKind Kind => ImportKind.Applications;
    public override IReadOnlyList<ColumnSpec> Columns => Spec;

    /// <summary>The divisions and the policy sets, each read once for the whole file.</summary>
    public override async Task PrepareAsync(CancellationToken ct)
    {
        _divisions = (await Db.Divisions.AsNoTracking().Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        _policies = await Db.PolicySets.AsNoTracking().ToListAsync(ct);
    }

    public override async Task ValidateAsync(SourceRow row, ColumnMap map, ErrorSink errors, CancellationToken ct)
    {
        var number = CellParsers.ToHalfWidth(map.Get(row, Number)).Trim();
        if (number.Length > 0 && !_seen.TryAdd(number, row.Number))
        {
            errors.Row(row.Number, Number, $"受理编号 {number} 在文件中出现了多次（第 {_seen[number]} 行已有），每件申请一行");
            return;
        }
        var a = Parse(row, map, (column, message) => errors.Row(row.Number, column, message));
        if (a is null) return;
        if (a.Converted15) _converted15++;
        if (a.BeforeFirstPolicy) _beforeFirstPolicy++;
        _pending.Add(a);
        if (_pending.Count >= BatchSize) await ResolveAsync(errors, ct);
    }

    public override async Task EndValidationAsync(ErrorSink errors, CancellationToken ct)
    {
        await ResolveAsync(errors, ct);
        if (_converted15 > 0) Notes.Add($"{_converted15} 个 15 位证件号码已升位为 18 位");
        if (_beforeFirstPolicy > 0)
            Notes.Add($"{_beforeFirstPolicy} 件申请的申请日期早于最早的政策参数，督办期限按最早的政策参数计算");
        if (_differingCount > 0)
            Notes.Add($"{_differingCount} 件已导入的申请与文件内容不同（申请日期、证件号码、区划、事项类别或办结日期），已导入的记录保持不变："
                + string.Join("、", _differing) + (_differingCount > _differing.Count ? " 等" : ""));
    }

    /// <summary>What the database holds of a batch of numbers: one query, whatever the importer's scope.</summary>
    private async Task ResolveAsync(ErrorSink errors, CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        var numbers = _pending.Select(p => p.Number).ToList();
        var stored = await Db.Applications.IgnoreQueryFilters().Where(a => numbers.Contains(a.ExternalNumber!))
            .Select(a => new
            {
                Number = a.ExternalNumber!,
                Division = a.VillageCode ?? a.TownshipCode ?? a.CountyCode,
                a.Source,
                a.Status,
                a.FiledOn,
                a.ClosedOn,
                a.IdNumber,
                a.Area,
                Answered = a.Reply != null,
            })
            .ToDictionaryAsync(a => a.Number, StringComparer.Ordinal, ct);
        foreach (var r in _pending)
        {
            if (!stored.TryGetValue(r.Number, out var s)) continue;
            if (!Db.Scope.Covers(s.Division))
            {
                errors.Row(r.Row, Number, $"受理编号 {r.Number} 已由您管辖范围以外的区划导入");
                continue;
            }
            var open = s.Status is not (ApplicationStatus.Closed or ApplicationStatus.Confirmed);
            if (r.ClosedOn is { } closed && open)
            {
                if (s.Status != ApplicationStatus.Received || s.Answered || s.Source != ApplicationSource.Imported)
                    errors.Row(r.Row, ClosedOn,
                        $"受理编号 {r.Number} 在本系统中已有人办理（{(s.Status == ApplicationStatus.Received ? "已作进展答复" : "当前状态：" + ApplicationWords.Status.Word(s.Status))}），平台的办结情况不能通过导入写入：请在本系统中办结，或从文件中删去此行");
                else if (closed < s.FiledOn)
                    errors.Row(r.Row, ClosedOn, $"办结日期 {closed:yyyy年M月d日} 早于已导入的申请日期 {s.FiledOn:yyyy年M月d日}");
                else _toConclude.Add(r.Number);
                continue;
            }
            _unchanged.Add(r.Number);
            // A file older than the database (open here, closed there) is expected when an earlier export is imported
            // again; anything else that differs is worth saying, since the import leaves it as it was.
            if (s.FiledOn != r.FiledOn || s.IdNumber != r.Id.Value || s.Division != r.Division.Value || s.Area != r.Area
                || (r.ClosedOn is not null && s.ClosedOn != r.ClosedOn))
            {
                if (_differing.Count < NamesListed) _differing.Add(r.Number);
                _differingCount++;
            }
        }
        _pending.Clear();
    }

    public override async Task WriteAsync(SourceRow row, ColumnMap map, ImportCounts counts, CancellationToken ct)
    {
        var a = Parse(row, map, static (_, _) => { }) ?? throw new InvalidOperationException($"第 {row.Number} 行在写入时无法解析");
        if (_toConclude.Contains(a.Number)) _conclude.Add(a);
        else if (_unchanged.Contains(a.Number)) counts.Unchanged++;
        else _new.Add(a);
        if (_new.Count + _conclude.Count >= BatchSize) await FlushAsync(counts, ct);
    }

    /// <summary>
    /// New applications and their steps go straight to their tables (NewEntities), built by the domain; the few closed
    /// by a later export go through their entities.
    /// </summary>
    public override async Task FlushAsync(ImportCounts counts, CancellationToken ct)
    {
        if (_new.Count > 0)
        {
            var codes = await TrackingCodes.NewAsync(Db, _new.Count, ct);
            var applications = _new.Select((r, i) => AssistanceApplication.Migrate(codes[i], r.Number, r.Area, r.Content, r.Name, r.Id, r.Phone,
                r.Division, r.FiledOn, r.ClosedOn, r.Result, _now, r.EscalationDays)).ToList();
            await NewEntities.InsertAsync(Db, applications, ct);
            await NewEntities.InsertAsync(Db, [.. applications.SelectMany(a => a.Steps)], ct);
            counts.Added += applications.Count;
            _new.Clear();
        }
        if (_conclude.Count > 0)
        {
            var numbers = _conclude.Select(r => r.Number).ToList();
            var stored = await Db.Applications.Where(a => numbers.Contains(a.ExternalNumber!)).ToDictionaryAsync(a => a.ExternalNumber!, ct);
            foreach (var r in _conclude)
            {
                stored[r.Number].ConcludeOnPlatform(r.ClosedOn!.Value, r.Result, _now);
                counts.Changed++;
            }
            await SaveBatchAsync(ct);
            _conclude.Clear();
        }
    }

    private ApplicationRow? Parse(SourceRow row, ColumnMap map, Action<string, string> error)
    {
        var ok = true;
        void Fail(string column, string message) { ok = false; error(column, message); }

        var numberText = map.Get(row, Number);
        var number = CellParsers.ToHalfWidth(numberText).Trim();
        if (number.Length == 0) Fail(Number, "受理编号未填写");
        else if (number.Contains("E+", StringComparison.OrdinalIgnoreCase))
            Fail(Number, $"受理编号“{numberText}”被 Excel 存成了数字（科学计数法），请把该列设为“文本”格式后重新导出");
        else if (number.Length > NumberMax) Fail(Number, $"受理编号超过 {NumberMax} 个字符");
        else if (number.Any(char.IsControl)) Fail(Number, $"受理编号“{numberText}”含有换行等控制字符");

        if (!CellParsers.TryDate(map.Get(row, FiledOn), out var filed, out var filedError)) Fail(FiledOn, filedError);
        else if (filed is null) Fail(FiledOn, "申请日期未填写");
        else if (filed > _today) Fail(FiledOn, $"申请日期 {filed:yyyy年M月d日} 晚于今天");

        var name = Required(map.Get(row, Name), Name, NameMax, Fail);

        var idText = map.Get(row, Id);
        var id = IdNumber.Parse(idText, map.IsText(row, Id));
        if (idText.Length == 0) Fail(Id, "证件号码未填写");
        else if (!id.Ok) Fail(Id, id.Error!);

        var phoneText = map.Get(row, Phone);
        var phone = PhoneNumber.Normalize(phoneText);
        if (phoneText.Length == 0) Fail(Phone, "联系电话未填写");
        else if (phone is null) Fail(Phone, $"联系电话“{phoneText}”格式不对：手机号 11 位，固定电话须带区号（如 0887-8223456）");

        DivisionCode division = default;
        var divisionText = CellParsers.ToHalfWidth(map.Get(row, Division)).Trim();
        if (divisionText.Length == 0) Fail(Division, "行政区划代码未填写");
        else if (!DivisionCode.TryParse(divisionText, out division, out var divisionError)) Fail(Division, divisionError);
        else if (division.Level < DivisionLevel.County)
            Fail(Division, $"“{divisionText}”是{(division.Level == DivisionLevel.Province ? "省" : "州（市）")}级代码：请填写受理申请的县（6 位）、乡镇（9 位）或村（12 位）代码");
        else if (!_divisions.Contains(division.Value)) Fail(Division, $"行政区划代码 {division.Value} 不在区划表中，请先导入区划");
        else if (!Db.Scope.Covers(division.Value)) Fail(Division, $"行政区划 {division.Value} 不在您的管辖范围内");

        Word(ApplicationWords.Area, map.Get(row, Area), Fail, out var area);
        var content = Required(map.Get(row, Content), Content, AssistanceApplication.ContentMax, Fail);

        if (!CellParsers.TryDate(map.Get(row, ClosedOn), out var closed, out var closedError)) Fail(ClosedOn, closedError);
        else if (closed > _today) Fail(ClosedOn, $"办结日期 {closed:yyyy年M月d日} 晚于今天");
        else if (closed < filed) Fail(ClosedOn, $"办结日期 {closed:yyyy年M月d日} 早于申请日期 {filed:yyyy年M月d日}");

        var result = map.Get(row, Result);
        if (result.Length > AssistanceApplication.ReplyMax) Fail(Result, $"办理结果超过 {AssistanceApplication.ReplyMax} 字");
        // An open application with a result is either missing its 办结日期 — it would stay open, overdue, and count
        // against the completion rate — or carries an interim answer; either way the file must say which.
        else if (result.Length > 0 && map.Get(row, ClosedOn).Length == 0)
            Fail(Result, "填写了办理结果但没有办结日期：已办结的申请请填写办结日期，未办结的申请办理结果留空");

        var escalationDays = 0;
        var beforeFirstPolicy = false;
        if (ok && EscalationDays(division.Value, filed!.Value, out beforeFirstPolicy) is { } days) escalationDays = days;
        else if (ok) Fail(FiledOn, $"没有适用于 {division.Value} 的政策参数（督办期限），请管理员先设置政策参数");

        if (!ok) return null;
        return new ApplicationRow(row.Number, number, filed!.Value, name, id.Value!.Value, phone!, division, area, content, closed,
            result.Length == 0 ? null : result, escalationDays, id.Note is not null, beforeFirstPolicy);
    }

    /// <summary>
    /// The escalation days of the policy in force for the division on the filing date. History older than the first
    /// policy set (the defaults start in 2021) takes the first set's days rather than being refused: a migration
    /// brings the platform's whole history, and the days only set the due date of a record already concluded or old.
    /// </summary>
    private int? EscalationDays(string division, DateOnly filedOn, out bool beforeFirst)
    {
        beforeFirst = false;
        if (PolicyLookup.InForce(_policies, division, filedOn) is { } inForce) return inForce.ApplicationEscalationDays;
        var county = division[..6];
        var province = division[..2];
        var first = _policies.Where(p => p.RegionCode == county || p.RegionCode == province)
            .OrderBy(p => p.ValidFrom).ThenByDescending(p => p.RegionCode.Length).FirstOrDefault();
        if (first is null) return null;
        beforeFirst = true;
        return first.ApplicationEscalationDays;
    }

    private sealed record ApplicationRow(long Row, string Number, DateOnly FiledOn, string Name, IdNumber Id, string Phone, DivisionCode Division,
        ApplicationArea Area, string Content, DateOnly? ClosedOn, string? Result, int EscalationDays, bool Converted15, bool BeforeFirstPolicy);
}
