namespace Fanghu.IntegrationTests.Web;

public sealed class HouseholdPageTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task The_household_page_shows_per_capita_net_income_against_the_years_income_line()
    {
        var client = await app.SignedInAsync("village1");

        var page = await client.GetStringAsync($"/Registry/Household/{app.Household1Id}");

        // 2024: 10,000 + 6,000 − 2,000 + 0 + 5,000 = 19,000 元 for 3 members; Yunnan's 2024 line is 8,700 元.
        Assert.Contains("人均纯收入", page);
        Assert.Contains("19,000.00 元", page);
        Assert.Contains("6,333.33 元", page);
        Assert.Contains("8,700.00 元", page);
        Assert.Contains("不高于监测线", page);
        Assert.Contains("533401********", page);
        Assert.DoesNotContain("53340119800101001", page);
    }

    [Fact]
    public async Task Dates_read_as_Chinese_dates_by_default_and_as_ISO_dates_in_English()
    {
        var client = await app.SignedInAsync("village1");

        var chinese = await client.GetStringAsync($"/Registry/Household/{app.Household1Id}");
        await client.GetAsync("/culture/en");
        var english = await client.GetStringAsync($"/Registry/Household/{app.Household1Id}");

        Assert.Contains("2022年1月31日", chinese);
        Assert.Contains("脱贫不稳定户", chinese);
        Assert.Contains("2022-01-31", english);
        Assert.Contains("Per-capita net income", english);
        Assert.Contains("6,333.33 元", english);
    }

    [Fact]
    public async Task The_household_api_item_carries_the_same_income_figures()
    {
        var client = await app.SignedInAsync("village1");

        var json = await client.GetStringAsync($"/api/v1/households/{app.Household1Id}");

        Assert.Contains("\"perCapita\":6333.33", json);
        Assert.Contains("\"incomeLine\":8700", json);
        Assert.Contains("\"atOrBelowLine\":true", json);
    }
}
