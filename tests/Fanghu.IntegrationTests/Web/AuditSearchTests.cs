using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// 审计日志: the auditor and the administrator search the audit trail by person, household, user and China dates (page
/// and API); an auditor sees only its divisions' households' entries; ID numbers and phones in the values are masked;
/// every other role is refused (docs/adr/0017).
/// </summary>
public sealed class AuditSearchTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private static readonly string HeadId = FanghuWebApp.Id("53340119800101001").Value;
    private static readonly string SecondHeadId = FanghuWebApp.Id("53340119750505005").Value;

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/audit?pageSize=100&" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    private static long? HouseholdOf(JsonElement item) =>
        item.GetProperty("householdId").ValueKind == JsonValueKind.Null ? null : item.GetProperty("householdId").GetInt64();

    [Fact]
    public async Task The_auditor_finds_a_households_entries_with_ID_numbers_and_phones_masked_in_the_values()
    {
        var auditor = await app.SignedInAsync("auditor1");

        var page = await auditor.GetStringAsync($"/Audit?household={FanghuWebApp.Household1}");
        var json = await SearchAsync(auditor, $"household={FanghuWebApp.Household1}");

        Assert.Contains("审计日志", page);
        Assert.Contains("新增", page);
        Assert.Contains($"href=\"/Registry/Household/{app.Household1Id}\"", page);
        // The fixture's new persons and household are in the trail with their ID numbers and phone: shown masked.
        Assert.Contains(IdNumber.Mask(HeadId), page);
        Assert.DoesNotContain(HeadId, page);
        Assert.Contains("138****1234", page);
        Assert.DoesNotContain(FanghuWebApp.Household1Phone, page);
        // Fields under the screen's labels, enumerations as words rather than the numbers stored.
        Assert.Contains("<span class=\"field\">户类型</span>: 脱贫户", page);
        Assert.DoesNotContain(HeadId, json.GetRawText());
        Assert.DoesNotContain(FanghuWebApp.Household1Phone, json.GetRawText());
        Assert.NotEmpty(Items(json));
        Assert.All(Items(json), e => Assert.Equal(app.Household1Id, HouseholdOf(e)));
    }

    [Fact]
    public async Task The_auditor_finds_a_persons_entries_by_ID_number_or_name_and_a_users_by_user_name()
    {
        var village = await app.SignedInAsync("village2");
        await using (var db = app.Database.Context())
        {
            var personId = await db.Persons.Where(p => p.IdNumber == SecondHeadId).Select(p => p.Id).SingleAsync();
            var revealed = await village.PostAsJsonAsync($"/api/v1/persons/{personId}/reveal", new { field = "idNumber", reason = "联系本人：测试查询" });
            Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        }
        var auditor = await app.SignedInAsync("auditor1");

        var byId = Items(await SearchAsync(auditor, $"person={SecondHeadId}"));
        var byName = Items(await SearchAsync(auditor, "person=王测二"));
        var byUser = Items(await SearchAsync(auditor, "user=village2"));
        var nobody = Items(await SearchAsync(auditor, "person=没有这个人"));

        Assert.NotEmpty(byId);
        Assert.All(byId, e => Assert.Equal(app.Household2Id, HouseholdOf(e)));
        Assert.Contains(byId, e => e.GetProperty("entity").GetString() == "Person" && e.GetProperty("action").GetString() == "新增");
        Assert.Equal(byId.Select(e => e.GetProperty("id").GetInt64()), byName.Select(e => e.GetProperty("id").GetInt64()));
        Assert.NotEmpty(byUser);
        Assert.All(byUser, e => Assert.Equal("village2", e.GetProperty("userName").GetString()));
        Assert.Contains(byUser, e => e.GetProperty("action").GetString() == "查看"
            && e.GetProperty("values").EnumerateArray().Any(v => v.GetProperty("after").GetString() == "联系本人：测试查询"));
        Assert.Empty(nobody);
    }

    [Fact]
    public async Task The_auditor_searches_by_China_dates_newest_first()
    {
        var auditor = await app.SignedInAsync("auditor1");
        var today = app.Clock.Today();

        var todays = Items(await SearchAsync(auditor, $"from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}"));
        var tomorrow = Items(await SearchAsync(auditor, $"from={today.AddDays(1):yyyy-MM-dd}"));
        var yesterday = Items(await SearchAsync(auditor, $"to={today.AddDays(-1):yyyy-MM-dd}"));

        Assert.NotEmpty(todays);
        Assert.Empty(tomorrow);
        Assert.Empty(yesterday);
        var ids = todays.Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.All(todays, e => Assert.Equal(today, DateOnly.FromDateTime(e.GetProperty("at").GetDateTime())));
    }

    [Fact]
    public async Task An_auditor_of_one_village_sees_only_its_households_entries_and_the_administrator_sees_every_entry()
    {
        var limited = await app.SignedInAsync("auditor2");
        var admin = await app.SignedInAsync("admin1");

        var all = Items(await SearchAsync(limited, ""));
        var otherVillage = Items(await SearchAsync(limited, $"household={FanghuWebApp.Household1}"));
        var otherPerson = Items(await SearchAsync(limited, $"person={HeadId}"));
        var page = await limited.GetStringAsync("/Audit");
        var everything = Items(await SearchAsync(admin, ""));

        Assert.NotEmpty(all);
        Assert.All(all, e => Assert.Equal(app.Household2Id, HouseholdOf(e)));
        Assert.Empty(otherVillage);
        Assert.Empty(otherPerson);
        Assert.DoesNotContain(FanghuWebApp.Household1, page);
        // Entries with no household (the accounts created for the tests) only for the administrator.
        Assert.Contains(everything, e => HouseholdOf(e) is null);
        Assert.Contains(everything, e => HouseholdOf(e) == app.Household1Id);
    }

    [Fact]
    public async Task Only_auditors_and_the_administrator_search_the_trail_and_see_its_link()
    {
        foreach (var user in new[] { "village1", "township1", "county1", "prefecture1", "department1" })
        {
            var client = await app.SignedInAsync(user);
            var page = await client.GetAsync("/Audit");
            Assert.StartsWith("/Account/AccessDenied", page.Headers.Location?.PathAndQuery);
            var api = await client.GetAsync("/api/v1/audit");
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("href=\"/Audit\"", await client.GetStringAsync("/"));
        }
        Assert.Contains("href=\"/Audit\"", await (await app.SignedInAsync("auditor1")).GetStringAsync("/"));
        Assert.Contains("href=\"/Audit\"", await (await app.SignedInAsync("admin1")).GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/audit")).StatusCode);
    }
}
