namespace Masthead.Core.Media;

public static class MediaLimits
{
    public const int FileName = 255;
    public const int Alt = 1000;
    public const int Caption = 1000;
    public const int Credit = 300;
    public const int StorageKey = 32;
}
