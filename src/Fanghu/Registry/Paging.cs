namespace Fanghu.Registry;

/// <summary>One page of a list, numbered from 1.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < Pages;
}

public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>Keeps (page − 1) × size well inside an int, so no page number can overflow the offset.</summary>
    public const int MaxPage = 100_000;

    public static (int Page, int Size) Clamp(int? page, int? size) =>
        (Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(size ?? DefaultSize, 1, MaxSize));
}
