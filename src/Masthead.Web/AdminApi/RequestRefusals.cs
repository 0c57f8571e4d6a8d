namespace Masthead.Web.AdminApi;

/// <summary>
/// Stable codes, for programs, of the refusals that come from reading a request before any use case runs (its content
/// type, its body, its CSRF token, its If-Match header). A use case's own refusals carry theirs (<c>MediaRefusals</c>).
/// </summary>
public static class RequestRefusals
{
    public const string UnsupportedContentType = "unsupported-content-type";
    public const string MalformedBody = "malformed-body";
    public const string BodyTooLarge = "body-too-large";
    public const string CsrfToken = "csrf-token-missing-or-stale";
    public const string IfMatchRequired = "if-match-required";
    public const string MalformedIfMatch = "malformed-if-match";
    public const string EtagOfAnotherArticle = "etag-of-another-article";
}
