using Fanghu.Divisions;

namespace Fanghu.Bench;

/// <summary>
/// The divisions of a generated province (53 云南省): the 16 prefectures of Yunnan with their number of counties
/// (129 in all), 6–16 townships a county, 4–16 villages a township (about 1,400 townships and 14,000 villages), and
/// how many households each village has. Villages differ in size (log-normal weights), so a village may have a few
/// dozen households or several hundred. Everything follows from the fixed seed and the two totals, so every pass
/// of the generator sees the same layout without storing more than a few arrays of 14,000 entries.
/// </summary>
internal sealed class ProvinceLayout
{
    private static readonly (string Code, string Name, int Counties)[] Prefectures =
    [
        ("5301", "昆明市", 14), ("5303", "曲靖市", 9), ("5304", "玉溪市", 9), ("5305", "保山市", 5),
        ("5306", "昭通市", 11), ("5307", "丽江市", 5), ("5308", "普洱市", 10), ("5309", "临沧市", 8),
        ("5323", "楚雄彝族自治州", 10), ("5325", "红河哈尼族彝族自治州", 13), ("5326", "文山壮族苗族自治州", 8),
        ("5328", "西双版纳傣族自治州", 3), ("5329", "大理白族自治州", 12), ("5331", "德宏傣族景颇族自治州", 5),
        ("5333", "怒江傈僳族自治州", 4), ("5334", "迪庆藏族自治州", 3),
    ];

    private readonly List<DivisionRow> _divisions = [];
    private readonly List<string> _villages = [];
    private readonly List<int> _villageCounty = [];
    private readonly List<string> _counties = [];

    public ProvinceLayout(int households, long persons)
    {
        if (households <= 0 || persons < households) throw new ArgumentException("需要至少 1 户，且人数不少于户数");
        Households = households;
        Persons = persons;
        var rng = new SplitMix(ProvinceGenerator.Seed ^ 0x1A70_0751);
        _divisions.Add(new("53", "云南省", null, DivisionLevel.Province));
        var weights = new List<double>();
        foreach (var (prefecture, prefectureName, counties) in Prefectures)
        {
            _divisions.Add(new(prefecture, prefectureName, "53", DivisionLevel.Prefecture));
            var shortName = prefectureName[..2];
            for (var c = 1; c <= counties; c++)
            {
                var county = $"{prefecture}{c:00}";
                _divisions.Add(new(county, $"{shortName}{c}县", prefecture, DivisionLevel.County));
                _counties.Add(county);
                var townships = 6 + rng.Below(11);
                for (var t = 0; t < townships; t++)
                {
                    var township = $"{county}{100 + t:000}";
                    _divisions.Add(new(township, $"{shortName}{c}县{t + 1}镇", county, DivisionLevel.Township));
                    var villages = 4 + rng.Below(13);
                    for (var v = 0; v < villages; v++)
                    {
                        var village = $"{township}{201 + v:000}";
                        _divisions.Add(new(village, $"{shortName}{c}县{t + 1}镇{v + 1}村", township, DivisionLevel.Village));
                        _villages.Add(village);
                        _villageCounty.Add(_counties.Count - 1);
                        weights.Add(Math.Exp(0.7 * Gaussian(rng)));
                    }
                }
            }
        }

        // Households go to villages in code order, each village its share of the weights (cumulative rounding, so the
        // shares add up to the total exactly).
        VillageFirstHousehold = new int[_villages.Count + 1];
        var total = weights.Sum();
        var cumulative = 0.0;
        for (var v = 0; v < _villages.Count; v++)
        {
            VillageFirstHousehold[v] = (int)Math.Round(households * cumulative / total);
            cumulative += weights[v];
        }
        VillageFirstHousehold[^1] = households;

        CountyFirstHousehold = new int[_counties.Count + 1];
        for (var v = _villages.Count - 1; v >= 0; v--) CountyFirstHousehold[_villageCounty[v]] = VillageFirstHousehold[v];
        CountyFirstHousehold[^1] = households;
        for (var c = 0; c < _counties.Count; c++)
        {
            var people = PersonStart(CountyFirstHousehold[c + 1]) - PersonStart(CountyFirstHousehold[c]);
            if (people > ProvinceGenerator.MaxPersonsPerCounty)
                throw new ArgumentException($"县 {_counties[c]} 有 {people:N0} 人，超过证件号码生成方式的上限 {ProvinceGenerator.MaxPersonsPerCounty:N0}");
        }
    }

    public int Households { get; }
    public long Persons { get; }
    public IReadOnlyList<DivisionRow> Divisions => _divisions;
    public IReadOnlyList<string> Villages => _villages;
    public IReadOnlyList<string> Counties => _counties;

    /// <summary>Index of the first household of each village, plus the total at the end.</summary>
    public int[] VillageFirstHousehold { get; }

    /// <summary>Index of the first household of each county, plus the total at the end.</summary>
    public int[] CountyFirstHousehold { get; }

    public int VillageCounty(int village) => _villageCounty[village];

    /// <summary>
    /// Household sizes: first an even spread (persons ÷ households, rounded so they add up), then within each pair of
    /// neighbours up to two members move from one to the other, so sizes vary (1 to about 7 at 3.3 on average) and
    /// each pair — hence the total — keeps its sum. Any household's size and first person follow in O(1).
    /// </summary>
    public int Size(int h)
    {
        var even = (int)(Floor(h + 1) - Floor(h));
        var pair = h / 2;
        if (2 * pair + 1 >= Households) return even;
        var a = (int)(Floor(2 * pair + 1) - Floor(2 * pair));
        var b = (int)(Floor(2 * pair + 2) - Floor(2 * pair + 1));
        var shift = (int)(Hash((ulong)pair, 0x5123) % 5) - 2; // −2…2 members from the first to the second
        shift = Math.Clamp(shift, -(b - 1), a - 1);
        return h % 2 == 0 ? a - shift : b + shift;
    }

    /// <summary>Index of the household's first person among all persons, in household order.</summary>
    public long PersonStart(int h) => h % 2 == 0 || h >= Households ? Floor(h) : Floor(h - 1) + Size(h - 1);

    private long Floor(long h) => h * Persons / Households;

    public static ulong Hash(ulong value, ulong salt)
    {
        var z = value * 0x9E3779B97F4A7C15UL + salt * 0xD1B54A32D192ED03UL + ProvinceGenerator.Seed;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static double Gaussian(SplitMix rng)
    {
        var u1 = (rng.Next() >> 11) * (1.0 / (1UL << 53));
        var u2 = (rng.Next() >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

internal sealed record DivisionRow(string Code, string Name, string? ParentCode, DivisionLevel Level);
