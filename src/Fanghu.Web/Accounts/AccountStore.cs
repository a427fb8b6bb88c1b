using Fanghu.Accounts;
using Fanghu.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Fanghu.Web.Accounts;

/// <summary>
/// Identity reads accounts through a context of its own. The request's <see cref="FanghuDbContext"/> fixes
/// its <see cref="DataScope"/> when it is created, and the cookie handler asks Identity to validate the
/// sign-in before <c>HttpContext.User</c> is set: sharing that context would freeze the request's scope at
/// "nothing". Accounts are not scoped data, so this context sees no registry rows at all.
/// </summary>
public sealed class AccountStore(DatabaseSettings settings) : IDisposable, IAsyncDisposable
{
    private FanghuDbContext? _db;

    public FanghuDbContext Db => _db ??= DataServices.CreateContext(settings, DataScope.Nothing);

    public void Dispose() => _db?.Dispose();

    public ValueTask DisposeAsync() => _db?.DisposeAsync() ?? ValueTask.CompletedTask;

    public static IdentityBuilder AddTo(IdentityBuilder identity)
    {
        identity.Services.AddScoped<AccountStore>();
        identity.Services.AddScoped<IUserStore<FanghuUser>>(sp =>
            new UserStore<FanghuUser>(sp.GetRequiredService<AccountStore>().Db, sp.GetService<IdentityErrorDescriber>()));
        return identity;
    }
}
