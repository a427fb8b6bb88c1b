using System.CommandLine;
using Fanghu.Audit;

namespace Fanghu.Cli;

/// <summary>fanghu audit verify: checks the audit trail's hash chain and names the first broken entry (exit 1).</summary>
internal static class AuditCommands
{
    public static Command Create(Option<string?> db)
    {
        var verify = new Command("verify", "校验审计日志的哈希链：完整时输出条数和最后一条的哈希，断开时指出第一条被改动或删除的记录（退出码 1）");
        verify.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            await using var context = CliContext.Open(result.GetValue(db));
            // Entries written since the last seal (by this machine's command-line runs, or while the web app was stopped)
            // are sealed first, so the check covers the whole trail.
            await AuditSealer.SealAsync(context, ct);
            var checkedTrail = await new VerifyAuditTrail(context).HandleAsync(ct);
            if (checkedTrail.Intact)
            {
                Console.WriteLine(checkedTrail.Message);
                return CliContext.Ok;
            }
            await Console.Error.WriteLineAsync(checkedTrail.Message);
            return CliContext.RejectedInput;
        }));
        return new Command("audit", "审计日志") { verify };
    }
}
