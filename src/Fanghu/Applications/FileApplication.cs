using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// A resident asks for help on the public page (§7), without an account: the application is checked (the ID
/// number's check character, a phone number, a village of the divisions), limited per phone number, and given a
/// tracking code the resident follows it with.
/// </summary>
public sealed class FileApplication(CaseWork work)
{
    /// <summary>Applications one phone number may file in a day: enough for a family, not for a flood.</summary>
    public const int PerPhonePerDay = 3;

    public sealed record Request(ApplicationArea? Area, string? Content, string? ApplicantName, string? IdNumber, string? Phone,
        string? VillageCode, bool OnBehalf, string? RequesterName);

    /// <param name="Field">The form field a refusal is about, for the page to put it under.</param>
    public sealed record Result(string? TrackingCode, string? Error, string? Field);

    public async Task<Result> HandleAsync(Request r, CancellationToken ct)
    {
        if (r.Area is not { } area || !Enum.IsDefined(area)) return Refuse("请选择事项类别", nameof(r.Area));
        var content = Household.Clean(r.Content);
        if (content is null) return Refuse("请说明遇到的困难", nameof(r.Content));
        if (content.Length > AssistanceApplication.ContentMax) return Refuse($"困难描述不能超过 {AssistanceApplication.ContentMax} 字", nameof(r.Content));
        var name = Household.Clean(r.ApplicantName);
        if (name is null) return Refuse("请填写申请人姓名", nameof(r.ApplicantName));
        if (name.Length > 50) return Refuse("姓名不能超过 50 字", nameof(r.ApplicantName));
        var id = Registry.IdNumber.Parse(r.IdNumber ?? "");
        if (id.Value is not { } idNumber) return Refuse(string.IsNullOrWhiteSpace(r.IdNumber) ? "请填写申请人的身份证号码" : id.Error ?? "身份证号码有误", nameof(r.IdNumber));
        if (PhoneNumber.Normalize(r.Phone) is not { } phone) return Refuse("请填写正确的联系电话（手机号 11 位，或带区号的固定电话）", nameof(r.Phone));
        string? requester = null;
        if (r.OnBehalf)
        {
            requester = Household.Clean(r.RequesterName);
            if (requester is null) return Refuse("他人代举请填写代举人姓名", nameof(r.RequesterName));
            if (requester.Length > 50) return Refuse("姓名不能超过 50 字", nameof(r.RequesterName));
        }
        if (!DivisionCode.TryParse(r.VillageCode, out var village, out _) || village.Level != DivisionLevel.Village
            || !await work.Db.Divisions.AnyAsync(d => d.Code == village.Value, ct))
            return Refuse("请选择所在的村（社区）", nameof(r.VillageCode));

        // The public has no scope: the limit counts every application of the number in the last 24 hours (compared in
        // memory: SQLite cannot compare moments; the number's filings of two days are few).
        var since = work.Now.AddDays(-1);
        var yesterday = work.Today.AddDays(-1);
        var recent = (await work.Db.Applications.IgnoreQueryFilters().Where(a => a.Phone == phone && a.FiledOn >= yesterday)
            .Select(a => a.FiledAt).ToListAsync(ct)).Count(at => at > since);
        if (recent >= PerPhonePerDay) return Refuse($"同一电话号码一天内最多提交 {PerPhonePerDay} 件申请，请明天再试，或拨打当地乡镇电话", nameof(r.Phone));

        var policy = await work.PolicyAsync(village.Value, work.Today, ct);
        var code = await TrackingCodes.NewAsync(work.Db, ct);
        var application = AssistanceApplication.File(code, area, content, name, idNumber, phone, village, r.OnBehalf, requester, work.Now,
            work.Today, policy.ApplicationEscalationDays);
        work.Db.Applications.Add(application);
        await work.Db.SaveChangesAsync(ct);
        return new Result(code, null, null);
    }

    private static Result Refuse(string message, string field) => new(null, message, field);
}

/// <summary>A phone number as residents type it: a mobile (11 digits from 1) or a fixed line with its area code.</summary>
public static class PhoneNumber
{
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = Imports.CellParsers.ToHalfWidth(text.Trim()).Replace(" ", "").Replace("－", "-");
        if (t.StartsWith("+86", StringComparison.Ordinal)) t = t[3..];
        var digits = t.Replace("-", "");
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return null;
        if (digits.Length == 11 && digits[0] == '1') return digits;
        if (digits[0] == '0' && digits.Length is >= 10 and <= 12) return t;
        return null;
    }

    /// <summary>
    /// How a phone is shown unless revealed (DESIGN §1, docs/adr/0017): a mobile keeps its first three and last four digits
    /// (138****5678), a fixed line its area code and last four (0887-***3456), a shorter number its last four only;
    /// every other digit is a star.
    /// </summary>
    public static string Mask(string phone)
    {
        var dash = phone.IndexOf('-');
        var keepFront = dash > 0 ? dash + 1 : phone.Length >= 11 ? 3 : 0;
        var chars = phone.ToCharArray();
        for (var i = keepFront; i < chars.Length - 4; i++)
            if (char.IsAsciiDigit(chars[i])) chars[i] = '*';
        return new string(chars);
    }

    public static string? MaskOrNull(string? phone) => phone is null ? null : Mask(phone);

    /// <summary>The last four digits, which the resident gives with the tracking code.</summary>
    public static string LastFour(string phone) => phone.Length >= 4 ? phone[^4..] : phone;
}
