namespace Masthead.Core.Articles;

public static class ArticleLimits
{
    public const int Headline = 300;
    public const int Standfirst = 1000;
    /// <summary>About 30,000 words: far beyond a long read, small enough to render quickly.</summary>
    public const int Body = 200_000;
    public const int SeoTitle = 300;
    public const int SeoDescription = 1000;
    public const int MaxBylines = 20;
    public const int MaxCredits = 50;
    public const int MaxTags = 50;
    public const int TagName = 100;
    public const int CreditRole = 100;
    public const int CreditName = 200;
    public const int Url = 2000;
    public const int HeroText = 1000;
    public const int NoteText = 4000;
    /// <summary>A live-blog entry is a short dispatch, not a second story: about 3,000 words at most.</summary>
    public const int LiveEntryBody = 20_000;
}
