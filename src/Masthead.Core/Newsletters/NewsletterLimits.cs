namespace Masthead.Core.Newsletters;

public static class NewsletterLimits
{
    public const int Name = 120;
    public const int Description = 1000;
}
