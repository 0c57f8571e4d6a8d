using System.Net;
using System.Text.RegularExpressions;
using Masthead.Core.Data;
using Masthead.Core.Newsletters;
using Masthead.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsletters;

/// <summary>
/// Makes one recipient's copy of a tracked send: every web link in it (HTML and plain text) goes through the site's click
/// redirect with a token for this copy and that link, and the HTML ends with a 1×1 open pixel. The member's own links
/// (/members/…: unsubscribe, account) stay direct, so leaving never depends on the redirect. Each link is stored once per
/// send (<see cref="NewsletterLink"/>), on first meeting it; this object remembers the ids for the pass.
/// </summary>
public sealed partial class TrackedLinks(MastheadDbContext db, int sendId, string key, string root)
{
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);

    public async Task<OutgoingMail> ApplyAsync(OutgoingMail mail, long recipientId, CancellationToken ct)
    {
        var html = mail.Html;
        if (html is not null)
        {
            foreach (Match m in Href().Matches(html)) await IdAsync(WebUtility.HtmlDecode(m.Groups[1].Value), ct);
            html = Href().Replace(html, m =>
                Tracked(WebUtility.HtmlDecode(m.Groups[1].Value), recipientId) is { } via ? $"href=\"{WebUtility.HtmlEncode(via)}\"" : m.Value);
            var pixel = $"""<img src="{root}/mail/open/{TrackingTokens.Open(key, recipientId)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;">""";
            var end = html.LastIndexOf("</body>", StringComparison.Ordinal);
            html = end < 0 ? html + pixel : html.Insert(end, pixel);
        }
        foreach (Match m in TextUrl().Matches(mail.Text)) await IdAsync(m.Value, ct);
        var text = TextUrl().Replace(mail.Text, m => Tracked(m.Value, recipientId) ?? m.Value);
        return mail with { Html = html, Text = text };
    }

    private string? Tracked(string url, long recipientId) =>
        _ids.TryGetValue(url, out var id) ? $"{root}/mail/click/{TrackingTokens.Click(key, recipientId, id)}" : null;

    private bool Trackable(string url) =>
        url.Length <= NewsletterLimits.LinkUrl
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !url.StartsWith(root + "/members/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stores the link for the send unless it is there (another node may have stored it first) and remembers its id.</summary>
    private async Task IdAsync(string url, CancellationToken ct)
    {
        if (_ids.ContainsKey(url) || !Trackable(url)) return;
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "NewsletterLinks" ("SendId", "Url") VALUES ({0}, {1}) ON CONFLICT ("SendId", "Url") DO NOTHING
            """, [sendId, url], ct);
        _ids[url] = await db.NewsletterLinks.AsNoTracking().Where(l => l.SendId == sendId && l.Url == url).Select(l => l.Id).FirstAsync(ct);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();

    // A web address in the plain-text part runs to the next space or line end.
    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex TextUrl();
}
