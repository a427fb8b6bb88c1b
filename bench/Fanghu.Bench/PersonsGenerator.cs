using System.Text;
using Fanghu.Registry;

namespace Fanghu.Bench;

/// <summary>Writes a persons template file of synthetic households of 1–7 members in 200 villages.</summary>
internal static class PersonsGenerator
{
    public const int Villages = 200;
    public const string PovertyHousehold = "脱贫户";
    public const string OrdinaryHousehold = "一般农户";

    public static string VillageCode(int v) => $"533401{100 + v / 20:000}{200 + v % 20:000}";

    /// <summary>Writes the file and returns, per person in file order, whether the household is a 脱贫户.</summary>
    public static bool[] Write(string path, int persons)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        return Generate(w, persons);
    }

    /// <summary>The household types of <see cref="Write"/> without writing the file (same random sequence).</summary>
    public static bool[] HouseholdTypes(int persons) => Generate(null, persons);

    /// <summary>
    /// The ID number of the person on row <paramref name="n"/> (0-based) of a generated file. Birth date and
    /// sequence both follow n, so numbers stay unique up to 27,000,000 persons; the sequence never ends in 0,
    /// so no number ends in 000 (which imports refuse as cut by Excel). Another region code gives numbers of
    /// people who are not in the registry.
    /// </summary>
    public static void FormatIdNumber(int n, Span<char> id, string region = "533401")
    {
        region.CopyTo(id);
        var birth = new DateOnly(1940, 1, 1).AddDays(n / 900 % 30000);
        birth.TryFormat(id[6..], out _, "yyyyMMdd");
        var sequence = n % 900 / 9 * 10 + n % 9 + 1;
        id[14] = (char)('0' + sequence / 100);
        id[15] = (char)('0' + sequence / 10 % 10);
        id[16] = (char)('0' + sequence % 10);
        id[17] = IdNumber.ComputeCheckCharacter(id[..17]);
    }

    public static string IdNumberOf(int n, string region = "533401")
    {
        Span<char> id = stackalloc char[18];
        FormatIdNumber(n, id, region);
        return new string(id);
    }

    private static bool[] Generate(StreamWriter? w, int persons)
    {
        w?.WriteLine("行政区划代码,村民小组,户编号,姓名,证件号码,与户主关系,民族,健康状况,劳动技能,在校情况,务工情况,基本医疗保险,户类型,联系电话");
        var poverty = new bool[persons];
        var random = new Random(20211231);
        string[] relations = ["配偶", "之子", "之女", "之父母", "之孙子", "之孙女"];
        string[] health = ["健康", "健康", "健康", "长期慢性病", "患有大病", "残疾"];
        string[] labour = ["普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"];
        Span<char> id = stackalloc char[18];
        var n = 0;
        var household = 0;
        while (n < persons)
        {
            var village = VillageCode(household % Villages);
            var number = $"{village}{household:D6}";
            var size = Math.Min(1 + random.Next(7), persons - n);
            var isPoverty = random.Next(10) < 4;
            var type = isPoverty ? PovertyHousehold : OrdinaryHousehold;
            for (var m = 0; m < size; m++, n++)
            {
                poverty[n] = isPoverty;
                // The random draws happen in the same order whether or not the file is written.
                var relation = m == 0 ? "户主" : relations[random.Next(relations.Length)];
                var healthWord = health[random.Next(health.Length)];
                var labourWord = labour[random.Next(labour.Length)];
                var phone = m == 0 ? "139" + random.Next(10_000_000, 99_999_999) : "";
                if (w is null) continue;
                FormatIdNumber(n, id);
                w.Write(village); w.Write(",第"); w.Write(1 + household % 9); w.Write("村民小组,");
                w.Write(number); w.Write(",成员"); w.Write(n); w.Write(',');
                w.Write(id); w.Write(',');
                w.Write(relation); w.Write(",藏族,");
                w.Write(healthWord); w.Write(',');
                w.Write(labourWord); w.Write(",非在校生,未务工,是,");
                w.Write(m == 0 ? type : ""); w.Write(',');
                w.WriteLine(phone);
            }
            household++;
        }
        return poverty;
    }
}
