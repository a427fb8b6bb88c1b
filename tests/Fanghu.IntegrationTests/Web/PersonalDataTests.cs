using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fanghu.Audit;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// ID numbers and phones masked on every page and API answer; one shown in full only with a stated reason, to a role
/// that may, inside its scope, and recorded as a read (查看) naming the field and the reason but never the value; a
/// household's page records a read of its members' health records (docs/adr/0017).
/// </summary>
public sealed class PersonalDataTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private const string MaskedPhone = "138****1234";
    private static readonly string HeadId = FanghuWebApp.Id("53340119800101001").Value;

    private async Task<long> PersonIdAsync(string idNumber)
    {
        await using var db = app.Database.Context();
        return await db.Persons.Where(p => p.IdNumber == idNumber).Select(p => p.Id).SingleAsync();
    }

    private async Task<List<AuditEntry>> ReadsAsync(string userName)
    {
        await using var db = app.Database.Context();
        return await db.AuditTrail.AsNoTracking().Where(e => e.UserName == userName && e.Action == AuditTrail.Read).OrderBy(e => e.Id).ToListAsync();
    }

    private Task<HttpResponseMessage> RevealFormAsync(HttpClient client, string pageWithToken, string record, long id, string field,
        string purpose, string note) =>
        FanghuWebApp.PostFormAsync(client, "/Reveal", pageWithToken, ("Record", record), ("id", id.ToString()), ("Field", field),
            ("Back", $"/Registry/Household/{app.Household1Id}"), ("Input.Purpose", purpose), ("Input.Note", note));

    private static async Task<string> ProblemDetailAsync(HttpStatusCode status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
    }

    [Fact]
    public async Task The_household_page_and_its_api_item_show_phones_and_ID_numbers_masked()
    {
        var village = await app.SignedInAsync("village1");

        var page = await village.GetStringAsync($"/Registry/Household/{app.Household1Id}");
        var json = await village.GetStringAsync($"/api/v1/households/{app.Household1Id}");
        var persons = await village.GetStringAsync("/api/v1/persons?q=张测一");

        foreach (var shown in new[] { page, json })
        {
            Assert.Contains(MaskedPhone, shown);
            Assert.DoesNotContain(FanghuWebApp.Household1Phone, shown);
            Assert.Contains(IdNumber.Mask(HeadId), shown);
            Assert.DoesNotContain(HeadId, shown);
        }
        Assert.Contains("\"phoneMasked\":\"138****1234\"", json);
        Assert.Contains(IdNumber.Mask(HeadId), persons);
        Assert.DoesNotContain(HeadId, persons);
        // The form that asks why, next to each masked value, for a role that may reveal.
        Assert.Contains("action=\"/Reveal\"", page);
        Assert.Contains("入户核实", page);
    }

    [Fact]
    public async Task A_phone_revealed_with_a_reason_is_shown_and_recorded_as_a_read_naming_the_field_and_the_reason_but_not_the_value()
    {
        var village = await app.SignedInAsync("village1");
        var page = await village.GetStringAsync($"/Registry/Household/{app.Household1Id}");

        var response = await RevealFormAsync(village, page, "Household", app.Household1Id, "Phone", "入户核实", "核对家庭成员变化情况");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.Contains(FanghuWebApp.Household1Phone, answer);
        Assert.Contains("已记入审计日志", answer);
        var read = (await ReadsAsync("village1")).Last();
        Assert.Equal(("Household", app.Household1Id.ToString(), (long?)app.Household1Id), (read.Entity, read.EntityKey, read.HouseholdId));
        Assert.Contains("\"Field\":\"Phone\"", read.After);
        Assert.Contains("入户核实：核对家庭成员变化情况", read.After);
        Assert.DoesNotContain(FanghuWebApp.Household1Phone, read.After);
        Assert.Equal("Village", read.Role);
    }

    [Fact]
    public async Task A_reveal_without_a_reason_is_refused_with_a_Chinese_message_and_shows_nothing()
    {
        var village = await app.SignedInAsync("village1");
        var page = await village.GetStringAsync($"/Registry/Household/{app.Household1Id}");
        var before = (await ReadsAsync("village1")).Count;

        var response = await RevealFormAsync(village, page, "Household", app.Household1Id, "Phone", "入户核实", " ");
        var api = await village.PostAsJsonAsync($"/api/v1/persons/{await PersonIdAsync(HeadId)}/reveal", new { field = "idNumber", reason = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.Contains("请写明具体事由", answer);
        Assert.DoesNotContain(FanghuWebApp.Household1Phone, answer);
        Assert.Contains("请说明查看完整信息的理由", await ProblemDetailAsync(HttpStatusCode.BadRequest, api));
        Assert.Equal(before, (await ReadsAsync("village1")).Count);
    }

    [Fact]
    public async Task The_api_reveals_an_ID_number_with_a_reason_and_records_the_read_on_the_person()
    {
        var township = await app.SignedInAsync("township1");
        var personId = await PersonIdAsync(HeadId);

        var response = await township.PostAsJsonAsync($"/api/v1/persons/{personId}/reveal", new { field = "idNumber", reason = "业务办理：核对低保申报材料" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HeadId, body.GetProperty("value").GetString());
        var read = (await ReadsAsync("township1")).Last();
        Assert.Equal(("Person", personId.ToString(), (long?)app.Household1Id), (read.Entity, read.EntityKey, read.HouseholdId));
        Assert.Contains("\"Field\":\"IdNumber\"", read.After);
        Assert.Contains("业务办理：核对低保申报材料", read.After);
        Assert.DoesNotContain(HeadId, read.After);
    }

    [Fact]
    public async Task Roles_that_may_not_reveal_get_403_and_a_record_outside_the_scope_404()
    {
        var personId = await PersonIdAsync(HeadId);
        var body = new { field = "phone", reason = "联系本人：通知复核" };

        var prefecture = await app.SignedInAsync("prefecture1");
        var prefecturePage = await prefecture.GetStringAsync($"/Registry/Household/{app.Household1Id}");
        Assert.DoesNotContain("action=\"/Reveal\"", prefecturePage);
        // A page refused to a role sends the browser to the access-denied page, as every page does (the API answers 403).
        var refused = await RevealFormAsync(prefecture, prefecturePage, "Household", app.Household1Id, "Phone", "联系本人", "通知复核结果");
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location?.PathAndQuery);
        await ProblemDetailAsync(HttpStatusCode.Forbidden, await prefecture.PostAsJsonAsync($"/api/v1/households/{app.Household1Id}/reveal", body));
        var department = await app.SignedInAsync("department1");
        await ProblemDetailAsync(HttpStatusCode.Forbidden, await department.PostAsJsonAsync($"/api/v1/persons/{personId}/reveal", body));

        var otherVillage = await app.SignedInAsync("village2");
        var ownPage = await otherVillage.GetStringAsync($"/Registry/Household/{app.Household2Id}");
        Assert.Equal(HttpStatusCode.NotFound, (await RevealFormAsync(otherVillage, ownPage, "Household", app.Household1Id, "Phone", "联系本人", "通知复核结果")).StatusCode);
        await ProblemDetailAsync(HttpStatusCode.NotFound, await otherVillage.PostAsJsonAsync($"/api/v1/households/{app.Household1Id}/reveal", body));
        await ProblemDetailAsync(HttpStatusCode.NotFound, await otherVillage.PostAsJsonAsync($"/api/v1/persons/{personId}/reveal", body));
        Assert.DoesNotContain(await ReadsAsync("prefecture1"), e => e.After!.Contains("Reason"));
        Assert.DoesNotContain(await ReadsAsync("village2"), e => e.After!.Contains("Reason"));
    }

    [Fact]
    public async Task An_applicants_phone_is_masked_in_the_api_and_revealed_with_a_reason()
    {
        var filed = await ApplicationPages.FileAsync(app, FanghuWebApp.Village1, "53340119900101071", "13912345678");
        var township = await app.SignedInAsync("township1");

        var json = await township.GetStringAsync($"/api/v1/applications/{filed.Id}");
        var detail = await township.GetStringAsync($"/Applications/{filed.Id}");
        var revealed = await township.PostAsJsonAsync($"/api/v1/applications/{filed.Id}/reveal", new { field = "phone", reason = "联系本人：告知办理进展" });

        Assert.Contains("\"phoneMasked\":\"139****5678\"", json);
        Assert.DoesNotContain("13912345678", json);
        Assert.DoesNotContain("13912345678", detail);
        Assert.DoesNotContain("tel:", detail);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal("13912345678", JsonDocument.Parse(await revealed.Content.ReadAsStringAsync()).RootElement.GetProperty("value").GetString());
        var read = (await ReadsAsync("township1")).Last();
        Assert.Equal(("AssistanceApplication", filed.Id.ToString()), (read.Entity, read.EntityKey));
        Assert.DoesNotContain("13912345678", read.After);
    }

    [Fact]
    public async Task Viewing_a_household_records_one_read_of_its_members_health_records()
    {
        var county = await app.SignedInAsync("county1");
        var before = (await ReadsAsync("county1")).Count;

        await county.GetStringAsync($"/Registry/Household/{app.Household1Id}");
        await county.GetStringAsync($"/api/v1/households/{app.Household1Id}");

        var reads = await ReadsAsync("county1");
        Assert.Equal(before + 2, reads.Count);
        await using var db = app.Database.Context();
        var members = await db.Persons.Where(p => p.HouseholdId == app.Household1Id).Select(p => p.Id).ToListAsync();
        foreach (var read in reads.Skip(before))
        {
            Assert.Equal(("Household", app.Household1Id.ToString(), (long?)app.Household1Id), (read.Entity, read.EntityKey, read.HouseholdId));
            Assert.Contains("\"Field\":\"Health\"", read.After);
            Assert.All(members, m => Assert.Contains(m.ToString(), read.After));
        }
    }
}
