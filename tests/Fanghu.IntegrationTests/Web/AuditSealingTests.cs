using Fanghu.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Web;

/// <summary>The web app seals the entries of its changes into the chain by itself, seconds after they commit.</summary>
public sealed class AuditSealingTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task Entries_written_while_the_app_runs_are_sealed_by_its_background_sealer()
    {
        var client = await app.SignedInAsync("county1");
        Assert.True((await client.GetAsync("/Registry/Households")).IsSuccessStatusCode);
        await using var db = app.Database.Context();
        Assert.True(await db.AuditTrail.AnyAsync(), "the fixture's records were audited");

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await db.AuditTrail.AnyAsync(e => e.Seq == null) && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        var verified = await new VerifyAuditTrail(db).HandleAsync(CancellationToken.None);
        Assert.True(verified.Intact, verified.Message);
        Assert.Equal(0, verified.Unsealed);
        Assert.Equal(await db.AuditTrail.CountAsync(), verified.Entries);
    }
}
