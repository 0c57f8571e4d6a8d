namespace Masthead.Web.PublicSite;

/// <summary>
/// The privacy page at /privacy. The publication writes its own (a standalone page with that slug); Masthead adds what it
/// keeps about members and whether newsletters are tracked (<see cref="Pages.MembersPrivacy"/>), so the statement
/// follows the setting. A site without such a page still has one, with only that part.
/// </summary>
public static class PrivacyStatement
{
    public const string Slug = "privacy";

    public static StandalonePageModel? WhenNoPage(SiteModel site, string slug) =>
        slug == Slug ? new StandalonePageModel("Privacy", Slug, "", site.ModifiedAt, $"What {site.Name} keeps about its members and readers.") : null;
}
