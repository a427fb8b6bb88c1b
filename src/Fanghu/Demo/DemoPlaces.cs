namespace Fanghu.Demo;

/// <summary>
/// The places of the demo prefecture, shaped like Diqing (迪庆藏族自治州): three counties, 29 townships with
/// their real names, and village names in the style of the region. Codes follow the national pattern
/// (towns 1xx, townships 2xx, villages 2xx under their township); they are synthetic, not the official list.
/// </summary>
internal static class DemoPlaces
{
    internal sealed record County(string Code, string Name, IReadOnlyList<Township> Townships);

    /// <summary>A township with its main ethnic groups (weights in percent) and its village names.</summary>
    internal sealed record Township(string Name, (string Ethnicity, int Weight)[] Ethnicities, string[] Villages);

    private static readonly (string, int)[] TibetanHan = [("藏族", 78), ("汉族", 10), ("纳西族", 6), ("彝族", 3), ("白族", 3)];
    private static readonly (string, int)[] Tibetan = [("藏族", 92), ("汉族", 4), ("纳西族", 4)];
    private static readonly (string, int)[] NaxiTibetan = [("纳西族", 52), ("藏族", 22), ("汉族", 14), ("彝族", 6), ("傈僳族", 6)];
    private static readonly (string, int)[] YiLisu = [("彝族", 40), ("傈僳族", 25), ("纳西族", 15), ("汉族", 15), ("藏族", 5)];
    private static readonly (string, int)[] LisuTibetan = [("傈僳族", 55), ("藏族", 35), ("纳西族", 6), ("汉族", 4)];
    private static readonly (string, int)[] Lisu = [("傈僳族", 72), ("纳西族", 10), ("汉族", 8), ("白族", 5), ("普米族", 5)];
    private static readonly (string, int)[] LisuNaxi = [("傈僳族", 45), ("纳西族", 30), ("汉族", 15), ("白族", 6), ("藏族", 4)];
    private static readonly (string, int)[] TibetanNaxi = [("藏族", 45), ("纳西族", 30), ("傈僳族", 15), ("汉族", 10)];

    public static readonly IReadOnlyList<County> Counties =
    [
        new("533401", "香格里拉市",
        [
            new("建塘镇", TibetanHan, ["红坡村", "尼史村", "解放村", "达拉村", "汤满村", "吉迪村", "安南村", "诺西村"]),
            new("小中甸镇", Tibetan, ["和平村", "联合村", "团结村", "三家村", "冷都村", "哈木谷村"]),
            new("虎跳峡镇", NaxiTibetan, ["桥头村", "江边村", "永胜村", "核桃园村", "宝山村", "金沙村", "松园村", "土官村"]),
            new("金江镇", NaxiTibetan, ["兴隆村", "吾竹村", "车轴村", "士旺村", "仕达村", "兰家村", "新建村", "金江村", "格兰村"]),
            new("上江乡", NaxiTibetan, ["福库村", "良美村", "木高村", "士满村", "格鲁湾村", "兴文村", "长坪村", "汝南村", "格化村"]),
            new("五境乡", TibetanNaxi, ["霞珠村", "仓房村", "泽通村", "五境村", "木日村"]),
            new("三坝纳西族乡", NaxiTibetan, ["白地村", "哈巴村", "江边村", "东坝村", "吴树湾村", "瓦刷村", "古都村"]),
            new("洛吉乡", YiLisu, ["洛吉村", "九龙村", "尼汝村", "吉函村", "卡斯村"]),
            new("尼西乡", Tibetan, ["汤堆村", "幸福村", "新阳村", "江东村", "巴拉村", "尼西村"]),
            new("格咱乡", Tibetan, ["格咱村", "翁水村", "纳格拉村", "木鲁村", "浪都村", "洛茸村", "宗庄村"]),
            new("东旺乡", Tibetan, ["东旺村", "跨鲁村", "中心村", "胜利村", "新联村", "上游村"]),
        ]),
        new("533422", "德钦县",
        [
            new("升平镇", Tibetan, ["阿东村", "巨水村", "阿墩子村", "江坡村", "果念村", "佳碧村", "追达村", "谷冲村"]),
            new("奔子栏镇", Tibetan, ["奔子栏村", "书松村", "叶日村", "夺通村", "玉杰村", "达日村", "日仁村"]),
            new("佛山乡", Tibetan, ["纳古村", "永支村", "鲁瓦村", "溜筒江村", "巴美村", "佛山村"]),
            new("云岭乡", Tibetan, ["西当村", "斯农村", "永宗村", "查里桶村", "布村", "雨崩村", "九农顶村"]),
            new("燕门乡", LisuTibetan, ["巴东村", "春多乐村", "茨中村", "石底村", "谷扎村", "拖拉村", "梅里石村"]),
            new("拖顶傈僳族乡", LisuTibetan, ["拖顶村", "大村", "普永村", "洛玉村", "念萨村", "伏龙村", "大村头村"]),
            new("霞若傈僳族乡", LisuTibetan, ["霞若村", "施坝村", "各么茸村", "夺松村", "粗卡通村", "月仁村"]),
            new("羊拉乡", Tibetan, ["羊拉村", "甲功村", "茂顶村", "规吕村", "归巴村"]),
        ]),
        new("533423", "维西傈僳族自治县",
        [
            new("保和镇", LisuNaxi, ["保和村", "兰永村", "腊八底村", "拉日村", "新华村", "永安村", "高泉村", "犁地坪村", "大宝山村"]),
            new("叶枝镇", Lisu, ["叶枝村", "同乐村", "巴迪村", "松洛村", "拉波洛村", "新洛村", "梓里村"]),
            new("塔城镇", TibetanNaxi, ["塔城村", "启别村", "柯那村", "其宗村", "巴珠村", "汝柯村", "川达村", "格花村"]),
            new("永春乡", LisuNaxi, ["永春村", "拖枝村", "四保村", "拉河村", "碧罗村", "维和村", "美洛村"]),
            new("攀天阁乡", LisuNaxi, ["攀天阁村", "皆菊村", "新乐村", "安一村", "嘎嘎塘村", "美光村"]),
            new("白济汛乡", Lisu, ["白济汛村", "碧落村", "施根登村", "共乐村", "永益村", "吉岔村", "顺达村"]),
            new("康普乡", Lisu, ["康普村", "弄独村", "齐乐村", "普乐村", "阿尼比村", "岩瓦村", "托落村"]),
            new("巴迪乡", Lisu, ["巴迪村", "捧八村", "阿洛八村", "洛义村", "扎龙村"]),
            new("中路乡", LisuNaxi, ["中路村", "海尼村", "拉马洛村", "腊八山村", "阿落村", "里底村"]),
            new("维登乡", LisuNaxi, ["维登村", "妥洛村", "箐头村", "新化村", "富川村", "山腰村", "小甸村"]),
        ]),
    ];

    /// <summary>The code of the n-th (0-based) township of a county: towns (镇) get 1xx, townships (乡) 2xx.</summary>
    public static string TownshipCode(string countyCode, IReadOnlyList<Township> townships, int index)
    {
        var isTown = townships[index].Name.EndsWith('镇');
        var ordinal = 0;
        for (var i = 0; i < index; i++)
            if (townships[i].Name.EndsWith('镇') == isTown) ordinal++;
        return countyCode + ((isTown ? 100 : 200) + ordinal).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string VillageCode(string townshipCode, int index) =>
        townshipCode + (201 + index).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
}
