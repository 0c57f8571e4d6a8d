namespace Masthead.Web.PublicSite;

public static class PublicCacheTags
{
    /// <summary>Every cached public page carries this tag.</summary>
    public const string All = "public";
    public const string Policy = "public-page";
}
