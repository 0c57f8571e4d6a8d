namespace Masthead.Core.Newsletters;

public static class NewsletterLimits
{
    public const int Name = 120;
    public const int Description = 1000;
    public const int DigestSubject = 200;
    public const int DigestIntro = 5000;
    public const int DigestStories = 20;
    /// <summary>Longer links in a tracked email are left as they are rather than stored.</summary>
    public const int LinkUrl = 2000;
}
