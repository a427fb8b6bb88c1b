using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fanghu.IntegrationTests.Web;

public sealed class ScopeTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task A_village_account_finds_only_its_own_villages_households_in_the_search_page()
    {
        var client = await app.SignedInAsync("village1");

        var page = await client.GetStringAsync("/Registry/Households?q=T5334");

        Assert.Contains(FanghuWebApp.Household1, page);
        Assert.DoesNotContain(FanghuWebApp.Household2, page);
        var persons = await client.GetStringAsync("/Registry/Households?kind=persons&q=测");
        Assert.Contains("张测一", persons);
        Assert.DoesNotContain("王测二", persons);
        Assert.Contains("533401********", persons);
        Assert.DoesNotContain("5334011980010100", persons);
    }

    [Fact]
    public async Task A_village_account_lists_only_its_own_villages_households_and_persons_in_the_api()
    {
        var client = await app.SignedInAsync("village1");

        var households = await client.GetFromJsonAsync<JsonElement>("/api/v1/households?pageSize=50");
        var persons = await client.GetFromJsonAsync<JsonElement>("/api/v1/persons?q=王测二");

        Assert.Equal(1, households.GetProperty("total").GetInt32());
        Assert.Equal(FanghuWebApp.Household1, households.GetProperty("items")[0].GetProperty("number").GetString());
        Assert.Equal(0, persons.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_village_account_gets_404_for_another_villages_household_page_and_api_item()
    {
        var client = await app.SignedInAsync("village1");

        var page = await client.GetAsync($"/Registry/Household/{app.Household2Id}");
        var api = await client.GetAsync($"/api/v1/households/{app.Household2Id}");
        var own = await client.GetAsync($"/api/v1/households/{app.Household1Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_county_account_sees_both_villages()
    {
        var client = await app.SignedInAsync("county1");

        var households = await client.GetFromJsonAsync<JsonElement>("/api/v1/households");

        Assert.Equal(2, households.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_village_account_cannot_import_but_a_county_account_can_open_the_import_page()
    {
        var village = await app.SignedInAsync("village1");
        var county = await app.SignedInAsync("county1");

        var denied = await village.GetAsync("/Imports");
        var allowed = await county.GetAsync("/Imports");

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("type=\"file\"", await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_prefecture_supervises_without_importing_and_a_department_sees_no_individual_households()
    {
        var prefecture = await app.SignedInAsync("prefecture1");
        var department = await app.SignedInAsync("department1");

        var import = await prefecture.GetAsync("/Imports");
        var registry = await prefecture.GetFromJsonAsync<JsonElement>("/api/v1/households");
        var page = await department.GetAsync("/Registry/Households");
        var api = await department.GetAsync("/api/v1/persons");

        Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);
        Assert.Equal(2, registry.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", page.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [Fact]
    public async Task An_ID_number_is_found_whole_or_by_its_last_four_characters_but_not_by_a_fragment()
    {
        var client = await app.SignedInAsync("county1");
        var whole = FanghuWebApp.Id("53340119800101001").Value;

        async Task<int> Total(string q) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/persons?q={q}")).GetProperty("total").GetInt32();

        Assert.Equal(1, await Total(whole));
        Assert.Equal(1, await Total(whole[^4..]));
        Assert.Equal(0, await Total(whole[6..14]));
        Assert.Equal(0, await Total(whole[..10]));
    }

    [Fact]
    public async Task An_absurd_page_number_is_a_page_not_an_error()
    {
        var client = await app.SignedInAsync("county1");

        var response = await client.GetAsync("/api/v1/households?page=2000000000&pageSize=100000");
        var malformed = await client.GetAsync("/api/v1/households?page=abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }
}
