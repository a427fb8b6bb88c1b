using Fanghu.Registry;

namespace Fanghu.Demo;

/// <summary>
/// Personal names in the patterns of the region: Tibetan names have no surname and are made of two
/// parts (扎西次仁, 此里卓玛); Naxi, Lisu, Han, Yi, Bai and Pumi names carry a surname that children take
/// from their father.
/// </summary>
internal static class DemoNames
{
    private static readonly string[] TibetanFirst =
        ["扎西", "次仁", "达瓦", "尼玛", "格桑", "此里", "斯那", "鲁茸", "七林", "阿主", "白玛", "农布", "松诺", "都吉", "品初", "桑吉", "洛桑", "孙诺", "格茸", "阿称", "江初", "永宗", "茨仁", "定主"];

    private static readonly string[] TibetanMale =
        ["次仁", "扎西", "多吉", "平措", "顿珠", "旺堆", "江措", "吉称", "此称", "培楚", "农布", "都吉", "尼玛", "品初", "七林", "定主", "取追", "独支", "那布", "追玛"];

    private static readonly string[] TibetanFemale =
        ["卓玛", "拉姆", "央金", "永宗", "拉珍", "曲珍", "德吉", "央宗", "志玛", "拉初", "吾姆", "此姆", "农吉", "卓嘎", "取宗", "娜姆", "玉珍", "阿香"];

    private static readonly string[] NaxiSurnames = ["和", "和", "和", "杨", "李", "木", "王", "赵", "习", "杨"];
    private static readonly string[] LisuSurnames = ["余", "蜂", "熊", "李", "祝", "密", "车", "蔡", "胡", "和", "余", "蜂"];
    private static readonly string[] HanSurnames =
        ["李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "段", "董", "施", "苏"];
    private static readonly string[] YiSurnames = ["李", "罗", "毕", "普", "张", "杨", "沙", "阿"];
    private static readonly string[] BaiSurnames = ["段", "赵", "杨", "李", "董", "尹", "字", "王"];
    private static readonly string[] PumiSurnames = ["熊", "杨", "和", "胡", "茨"];

    private static readonly string[] HanMaleChars =
        ["建", "国", "华", "明", "强", "军", "伟", "文", "志", "永", "春", "林", "海", "金", "荣", "福", "贵", "忠", "学", "兴", "成", "德", "光", "新", "平", "勇", "杰", "涛", "宇", "浩"];

    private static readonly string[] HanFemaleChars =
        ["丽", "梅", "芳", "秀", "英", "兰", "红", "燕", "珍", "玉", "凤", "琼", "艳", "霞", "娟", "萍", "静", "婷", "雪", "慧", "花", "琴", "月", "莲"];

    private static readonly string[] LisuGiven =
        ["阿普", "阿四", "阿三", "阿友", "四妹", "三妹", "二妹", "阿花", "阿佳", "腊梅", "光荣", "华林", "春花", "玉花", "阿扒", "此付"];

    public static string Surname(string ethnicity, Random r) => ethnicity switch
    {
        "藏族" => "",
        "纳西族" => Pick(NaxiSurnames, r),
        "傈僳族" => Pick(LisuSurnames, r),
        "彝族" => Pick(YiSurnames, r),
        "白族" => Pick(BaiSurnames, r),
        "普米族" => Pick(PumiSurnames, r),
        _ => Pick(HanSurnames, r),
    };

    /// <summary>A full name; <paramref name="surname"/> is ignored for Tibetans.</summary>
    public static string Full(string ethnicity, string surname, Gender gender, Random r)
    {
        if (ethnicity == "藏族")
        {
            var first = Pick(TibetanFirst, r);
            string second;
            do second = gender == Gender.Male ? Pick(TibetanMale, r) : Pick(TibetanFemale, r);
            while (second == first);
            return first + second;
        }
        if (surname.Length == 0) surname = Surname(ethnicity, r);
        if (ethnicity == "傈僳族" && r.Next(100) < 35)
            return surname + Pick(LisuGiven, r);
        var chars = gender == Gender.Male ? HanMaleChars : HanFemaleChars;
        if (r.Next(100) < 25) return surname + Pick(chars, r);
        var a = Pick(chars, r);
        var b = Pick(chars, r);
        return a == b ? surname + a : surname + a + b;
    }

    private static string Pick(string[] items, Random r) => items[r.Next(items.Length)];
}
