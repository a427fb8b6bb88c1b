using Fanghu.Accounts;
using Fanghu.Applications;

namespace Fanghu.Bench;

/// <summary>The generator's resident applications and their steps.</summary>
internal sealed partial class ProvinceGenerator
{
    // Resident applications (救助申请): one for every fifth episode, filed 2023–2025 by a household's head.

    public int ApplicationCount => _cases / 5;

    internal sealed record ApplicationPlan(long Id, HouseholdFacts Household, ApplicationArea Area, string Name, string IdNumber,
        string Phone, bool OnBehalf, DateOnly FiledOn, ApplicationStatus Status, DateOnly? ClosedOn, DateOnly? ConfirmedOn);

    private static readonly ApplicationArea[] Areas =
        [ApplicationArea.Living, ApplicationArea.Living, ApplicationArea.Medical, ApplicationArea.Medical, ApplicationArea.Employment,
         ApplicationArea.Education, ApplicationArea.Housing, ApplicationArea.Water];

    public IEnumerable<ApplicationPlan> Applications()
    {
        var pick = new SplitMix(Seed ^ 0xA991);
        var needed = ApplicationCount;
        var row = new object?[PersonProperties.Length];
        var id = new char[18];
        long number = 0;
        foreach (var f in Households())
        {
            if (needed == 0) yield break;
            if (Uniform(pick) * (HouseholdCount - f.Index) >= needed) continue;
            needed--;
            new MemberDraws(this, f).Fill(0, row, id);
            var r = new SplitMix(ProvinceLayout.Hash((ulong)f.Index, 9));
            var filed = RandomDay(r, new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 28));
            // Most are concluded, a few after their 10 days; the recent ones are still open, some of them overdue.
            var open = filed > new DateOnly(2025, 11, 30) ? r.Below(100) < 70 : r.Below(100) < 4;
            var closed = open ? (DateOnly?)null : Min(filed.AddDays(1 + (r.Below(100) < 85 ? r.Below(10) : 10 + r.Below(30))), DataEnd);
            var status = open ? (ApplicationStatus)(1 + r.Below(3)) : r.Below(100) < 70 ? ApplicationStatus.Confirmed : ApplicationStatus.Closed;
            DateOnly? confirmed = status == ApplicationStatus.Confirmed ? Min(closed!.Value.AddDays(1 + r.Below(5)), DataEnd) : null;
            yield return new ApplicationPlan(++number, f, Areas[r.Below(Areas.Length)], (string)row[2]!, (string)row[3]!, (string)row[16]!,
                r.Below(100) < 10, filed, status, closed, confirmed);
        }
    }

    public static readonly string[] ApplicationProperties =
    [
        "Id", "TrackingCode", "ExternalNumber", "Source", "Area", "Content", "ApplicantName", "IdNumber", "Phone", "OnBehalf",
        "RequesterName", "VillageCode", "TownshipCode", "CountyCode", "PrefectureCode", "FiledOn", "FiledAt", "DueOn", "Status",
        "LeadDepartment", "CoDepartments", "HandlingDivisionCode", "Reply", "ClosedOn", "Reopened", "LeadId", "Version",
    ];

    public async Task ApplicationsAsync(IRowSink sink)
    {
        var row = new object?[ApplicationProperties.Length];
        foreach (var a in Applications())
        {
            var village = Layout.Villages[a.Household.Village];
            var assigned = a.Status != ApplicationStatus.Received;
            row[0] = a.Id; row[1] = TrackingCode(a.Id); row[2] = null; row[3] = ApplicationSource.Public; row[4] = a.Area;
            row[5] = AreaContent(a.Area); row[6] = a.Name; row[7] = a.IdNumber; row[8] = a.Phone; row[9] = a.OnBehalf;
            row[10] = a.OnBehalf ? "村干部代为申报" : null; row[11] = village; row[12] = village[..9]; row[13] = village[..6];
            row[14] = village[..4]; row[15] = a.FiledOn; row[16] = At(a.FiledOn); row[17] = a.FiledOn.AddDays(10); row[18] = a.Status;
            row[19] = assigned ? ApplicationDepartments.SuggestedFor(a.Area) : null; row[20] = null; row[21] = assigned ? village[..9] : null;
            row[22] = a.ClosedOn is null ? null : "已按政策落实帮扶，问题已解决"; row[23] = a.ClosedOn; row[24] = 0; row[25] = null;
            row[26] = 1;
            await sink.AddAsync(row);
        }
    }

    public static readonly string[] ApplicationStepProperties = ["Id", "ApplicationId", "Kind", "On", "At", "ActorName", "ActorRole", "Note"];

    public async Task ApplicationStepsAsync(IRowSink sink)
    {
        var row = new object?[ApplicationStepProperties.Length];
        long id = 0;
        foreach (var a in Applications())
        {
            async Task Step(ApplicationStepKind kind, DateOnly on, string actor, Role? role, string? note)
            {
                row[0] = ++id; row[1] = a.Id; row[2] = kind; row[3] = on; row[4] = At(on); row[5] = actor; row[6] = role; row[7] = note;
                await sink.AddAsync(row);
            }
            await Step(ApplicationStepKind.Filed, a.FiledOn, a.OnBehalf ? "村干部（代举）" : a.Name, null, null);
            if (a.Status == ApplicationStatus.Received) continue;
            var assignedOn = Min(a.FiledOn.AddDays(1), a.ClosedOn ?? DataEnd);
            await Step(ApplicationStepKind.Assigned, assignedOn, "乡镇受理员", Role.Township, $"牵头：{ApplicationDepartments.SuggestedFor(a.Area)}");
            if (a.Status == ApplicationStatus.Assigned) continue;
            await Step(ApplicationStepKind.Handling, assignedOn, ApplicationDepartments.SuggestedFor(a.Area), Role.Department, null);
            if (a.ClosedOn is { } closed) await Step(ApplicationStepKind.Closed, closed, ApplicationDepartments.SuggestedFor(a.Area), Role.Department, "已按政策落实帮扶，问题已解决");
            if (a.ConfirmedOn is { } confirmed) await Step(ApplicationStepKind.Confirmed, confirmed, a.Name, null, null);
        }
    }

    /// <summary>
    /// A tracking code of the public page's alphabet and length, unique by construction: the application's number
    /// times a multiplier prime to 31, modulo 31^10, in base 31.
    /// </summary>
    private static string TrackingCode(long number)
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        const long space = 819_628_286_980_801; // 31^10
        var value = (long)((UInt128)(ulong)number * 25_214_903_917UL % space);
        var code = new char[10];
        for (var i = 9; i >= 0; i--, value /= 31) code[i] = alphabet[(int)(value % 31)];
        return new string(code);
    }

    private static string AreaContent(ApplicationArea area) => area switch
    {
        ApplicationArea.Living => "家中遭遇变故，生活困难，申请临时救助",
        ApplicationArea.Employment => "返乡后未找到工作，申请就业帮扶",
        ApplicationArea.Education => "孩子上学费用困难，申请教育资助",
        ApplicationArea.Medical => "家人住院自付费用较高，申请医疗救助",
        ApplicationArea.Housing => "房屋出现裂缝，申请危房鉴定和改造",
        _ => "入户自来水经常停水，申请解决饮水问题",
    };
}
