using System.IO.Compression;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>fanghu report annual, the real command as a process, over <see cref="IncomeReportWorld"/>.</summary>
public sealed class AnnualSummaryCliTests : ImportTestBase
{
    [Fact]
    public async Task The_command_prints_the_summary_writes_a_docx_and_refuses_with_exit_code_1()
    {
        await IncomeReportWorld.ArrangeAsync(Database);
        var docx = Path.Combine(Folder, "总结.docx");

        var text = await CliProcess.RunAsync(Database, "report", "annual", "--division", "533401", "--year", "2021");
        var written = await CliProcess.RunAsync(Database, "report", "annual", "--division", "533401", "--year", "2021", "--format", "docx", "--out", docx);
        var noFile = await CliProcess.RunAsync(Database, "report", "annual", "--division", "533401", "--year", "2021", "--format", "docx");
        var unknown = await CliProcess.RunAsync(Database, "report", "annual", "--division", "533499", "--year", "2021");

        Assert.True(text.Exit == 0, text.Err);
        Assert.StartsWith("香格里拉市2021年度防止返贫动态监测和帮扶工作总结", text.Out);
        Assert.Contains("\n一、监测对象\n截至2021年12月31日，香格里拉市累计纳入防止返贫监测对象3户7人，", text.Out);
        Assert.Contains("家庭人均纯收入达6,000元，较2020年增加773元，增幅为14.79%。", text.Out);
        Assert.Matches(@"本总结由 命令行用户 \S+ 于 .+ 生成，数据截至2021年12月31日。\s*$", text.Out);
        Assert.True(written.Exit == 0, written.Err);
        using (var zip = ZipFile.OpenRead(docx))
            Assert.NotNull(zip.GetEntry("word/document.xml"));
        Assert.Equal((1, "docx 格式须用 --output 指定输出文件，如 --output 年度工作总结.docx"), (noFile.Exit, noFile.Err.Trim()));
        Assert.Equal((1, "区划 533499 不存在"), (unknown.Exit, unknown.Err.Trim()));
    }
}
