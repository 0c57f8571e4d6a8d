using System.Net;
using System.Text.RegularExpressions;
using Masthead.Core.Accounts;
using Masthead.Core.Members;
using Masthead.Core.Newsletters;
using Masthead.Tests.Members;
using Masthead.Tests.Support;
using MimeKit;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// Open and click tracking: off unless an admin turns it on; when on, each copy has its own pixel and click links, signed
/// under the send's key in the database; forged tokens get 404 and record nothing; a click leads only to a link of that
/// email; the member's history and the send's progress count it; the privacy page follows the setting. Both databases.
/// Tests that turn tracking on turn it off again, so the class's other tests see the default.
/// </summary>
public sealed partial class MailTrackingTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    private async Task<(Newsletter Newsletter, List<string> Readers, int SendId)> SendStoryAsync(int readers, string headline)
    {
        var newsletter = await app.NewsletterAsync($"Tracked? {Guid.NewGuid():N}");
        var emails = await app.SubscribedMembersAsync(newsletter, readers);
        var story = await app.StoryAsync(headline, body: "A paragraph with [a link to the harbour board](https://harbour.example/minutes).");
        await app.UseAsync<NewsletterDesk, Masthead.Core.Common.Result<NewsletterSend>>(d =>
            d.RequestSendAsync(story.Id, newsletter.Id, Editor.System, CancellationToken.None));
        await app.PublishAsync(story.Id);
        Assert.Equal(readers, await app.SendNewslettersAsync());
        return (newsletter, emails, app.WithDb(db => db.NewsletterSends.Single(s => s.ArticleId == story.Id).Id));
    }

    private async Task SetTrackingAsync(bool on)
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var response = await admin.SubmitAsync("/newsroom/newsletters", "#tracking-form", new() { ["on"] = on ? "true" : "false" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static List<string> Links(MimeMessage message, string kind) =>
        TrackedLink().Matches(message.HtmlBody ?? "").Where(m => m.Groups[1].Value == kind).Select(m => m.Value.Replace("https://quire.example", "", StringComparison.Ordinal)).ToList();

    private List<MemberEvent> History(string email) =>
        app.WithDb(db => db.MemberEvents.Where(e => db.Members.Any(m => m.Id == e.MemberId && m.Email == email)
            && (e.Kind == MemberEventKind.Opened || e.Kind == MemberEventKind.Clicked)).ToList());

    [Fact]
    public async Task Off_by_default_no_pixel_no_rewritten_links_nothing_recorded_and_the_privacy_page_says_so()
    {
        Assert.False(app.WithDb(db => db.Publication.Select(p => p.MailTracking).First()));
        var admin = await app.NewsroomAsAsync(Role.Admin);
        Assert.Contains("Tracking is off", (await admin.GetPageAsync("/newsroom/newsletters")).QuerySelector("#tracking-state").Text());

        var (_, readers, sendId) = await SendStoryAsync(2, "Lighthouse keepers return for the winter");
        foreach (var email in readers)
        {
            var message = Assert.Single(await app.Smtp.WaitForAsync(email));
            Assert.DoesNotContain("/mail/open/", message.HtmlBody);
            Assert.DoesNotContain("/mail/click/", message.HtmlBody);
            Assert.DoesNotContain("/mail/", message.TextBody);
            Assert.Contains("href=\"https://harbour.example/minutes\"", message.HtmlBody);
            Assert.Contains("Read it on the site: https://quire.example/", message.TextBody);
            Assert.Empty(History(email));
        }
        Assert.Null(app.WithDb(db => db.NewsletterSends.Single(s => s.Id == sendId).TrackingKey));
        Assert.Equal(0, app.WithDb(db => db.NewsletterLinks.Count(l => l.SendId == sendId)));

        var privacy = await app.CreateClient().GetPageAsync("/privacy");
        Assert.Contains("We collect as little information about you as we can", privacy.QuerySelector(".article__body").Text()); // the publication's own words
        Assert.Contains("We do not record whether you open our newsletters", privacy.QuerySelector("#privacy-tracking").Text());
        Assert.Single(privacy.QuerySelectorAll("footer a[href='/privacy']")); // the publication's own footer link, once

        // A publication without a privacy page of its own still has one, with Masthead's part.
        await app.WithDbAsync(async db =>
        {
            db.Pages.RemoveRange(db.Pages.Where(p => p.Slug == "privacy"));
            await db.SaveChangesAsync();
        });
        var builtIn = await app.CreateClient().GetPageAsync("/privacy");
        Assert.Equal("Privacy", builtIn.QuerySelector("h1").Text());
        Assert.DoesNotContain("We collect as little information about you as we can", builtIn.Body!.TextContent);
        Assert.Contains("We do not record whether you open our newsletters", builtIn.QuerySelector("#privacy-tracking").Text());
        // Readers still find it: every page's footer links it when the publication's own footer links do not.
        var home = await app.CreateClient().GetPageAsync("/");
        Assert.Equal("Privacy", Assert.Single(home.QuerySelectorAll("footer a[href='/privacy']")).Text());
    }

    [Fact]
    public async Task On_each_copy_has_its_own_pixel_and_click_links_which_record_history_and_progress()
    {
        await SetTrackingAsync(true);
        try
        {
            var (newsletter, readers, sendId) = await SendStoryAsync(2, "Tide tables printed on the harbour wall");
            var first = Assert.Single(await app.Smtp.WaitForAsync(readers[0]));
            var second = Assert.Single(await app.Smtp.WaitForAsync(readers[1]));
            var pixel = Assert.Single(Links(first, "open"));
            var clicks = Links(first, "click");
            Assert.NotEmpty(clicks);
            Assert.DoesNotContain("href=\"https://harbour.example/minutes\"", first.HtmlBody);
            Assert.Contains("Read it on the site: https://quire.example/mail/click/", first.TextBody);
            // Leaving never depends on the redirect: the reader's own links stay direct.
            Assert.Contains("href=\"https://quire.example/members/unsubscribe?m=", first.HtmlBody);
            Assert.StartsWith("<https://quire.example/members/unsubscribe?m=", first.Headers["List-Unsubscribe"]);
            Assert.Empty(Links(second, "open").Intersect([pixel]));
            Assert.Empty(Links(second, "click").Intersect(clicks));

            var reader = app.Browser();
            var opened = await reader.GetAsync(pixel);
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.Equal("image/gif", opened.Content.Headers.ContentType!.MediaType);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(pixel)).StatusCode);
            Assert.Equal("Opened", Assert.Single(History(readers[0])).Kind.ToString());

            // Each click link leads to a link that is in the email, and to nothing else.
            var destinations = new List<string>();
            foreach (var click in clicks)
            {
                var response = await reader.GetAsync(click);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                destinations.Add(response.Headers.Location!.OriginalString);
            }
            Assert.Contains("https://harbour.example/minutes", destinations);
            var story = app.WithDb(db => db.Articles.Where(a => a.Headline == "Tide tables printed on the harbour wall").Select(a => "https://quire.example/" + a.PrimarySection.Path + "/" + a.Slug).Single());
            Assert.Equal(["https://harbour.example/minutes", story], destinations.Distinct().Order(StringComparer.Ordinal));

            var history = History(readers[0]);
            Assert.Equal(2, history.Count); // the first open and the first click, once each
            var clicked = Assert.Single(history, e => e.Kind == MemberEventKind.Clicked);
            Assert.StartsWith($"{newsletter.Name}: Tide tables printed on the harbour wall (", clicked.Detail);
            Assert.Empty(History(readers[1]));

            var admin = await app.NewsroomAsAsync(Role.Admin);
            var row = (await admin.GetPageAsync("/newsroom/newsletters")).QuerySelector($"#send-{sendId}")!.QuerySelectorAll("td").Select(td => td.Text()).ToList();
            Assert.Equal(["2", "0", "0", "1", "1"], row[3..]); // sent, failed, left, opened, clicked
            var memberId = app.WithDb(db => db.Members.Single(m => m.Email == readers[0]).Id);
            var historyPage = (await admin.GetPageAsync($"/newsroom/members/{memberId}")).Body!.TextContent;
            Assert.Contains($"Opened {newsletter.Name}: Tide tables", historyPage);
            Assert.Contains($"Followed a link in {newsletter.Name}: Tide tables", historyPage);

            var privacy = await app.CreateClient().GetPageAsync("/privacy");
            Assert.Contains("Our newsletters record when you open them and when you follow a link in them", privacy.QuerySelector("#privacy-tracking").Text());

            // Turned off: old links still lead on, but nothing more is recorded.
            await SetTrackingAsync(false);
            var later = await app.Browser().GetAsync(Links(second, "click")[0]);
            Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync(Assert.Single(Links(second, "open")))).StatusCode);
            Assert.Empty(History(readers[1]));
            Assert.Contains("We do not record whether you open", (await app.CreateClient().GetPageAsync("/privacy")).QuerySelector("#privacy-tracking").Text());
        }
        finally
        {
            await SetTrackingAsync(false);
        }
    }

    [Fact]
    public async Task Forged_or_altered_tokens_get_404_and_record_nothing_and_no_token_redirects_outside_its_email()
    {
        await SetTrackingAsync(true);
        try
        {
            var (_, readers, sendId) = await SendStoryAsync(1, "Ropewalk reopens as a covered market");
            var (_, _, otherSendId) = await SendStoryAsync(1, "Net lofts listed by the county");
            var message = Assert.Single(await app.Smtp.WaitForAsync(readers[0]));
            var pixel = Assert.Single(Links(message, "open"));
            var click = Links(message, "click")[0];
            var clickToken = click["/mail/click/".Length..];
            var parts = clickToken.Split('.');
            var recipientId = long.Parse(parts[0]);
            var linkId = long.Parse(parts[1]);
            var key = app.WithDb(db => db.NewsletterSends.Single(s => s.Id == sendId).TrackingKey)!;
            var otherLink = app.WithDb(db => db.NewsletterLinks.First(l => l.SendId == otherSendId).Id);
            var flipped = parts[2][..^1] + (parts[2][^1] == 'A' ? 'B' : 'A');

            string[] refused =
            [
                $"/mail/click/{parts[0]}.{parts[1]}.{flipped}",                         // signature altered
                $"/mail/click/{recipientId + 1}.{parts[1]}.{parts[2]}",                 // someone else's copy
                $"/mail/click/{parts[0]}.{linkId + 1}.{parts[2]}",                      // another link, same signature
                $"/mail/click/{parts[0]}.{parts[1]}",                                   // signature left off
                $"/mail/click/0{clickToken}",                                           // the same numbers written differently
                // Signed with the right key, but for a link of another send: still no redirect out of this email.
                $"/mail/click/{TrackingTokens.Click(key, recipientId, otherLink)}",
                "/mail/click/https%3A%2F%2Fevil.example",
                pixel.Replace("/mail/open/", "/mail/click/", StringComparison.Ordinal), // an open token is not a click token
                pixel[..^1] + (pixel[^1] == 'A' ? 'B' : 'A'),
                click.Replace("/mail/click/", "/mail/open/", StringComparison.Ordinal),
            ];
            foreach (var path in refused)
            {
                var response = await app.Browser().GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {response.StatusCode}");
                Assert.Null(response.Headers.Location);
            }
            Assert.Empty(History(readers[0]));
            var copy = app.WithDb(db => db.NewsletterRecipients.Single(r => r.Id == recipientId));
            Assert.Null(copy.OpenedAt);
            Assert.Null(copy.ClickedAt);

            // The genuine one works.
            Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync(click)).StatusCode);
        }
        finally
        {
            await SetTrackingAsync(false);
        }
    }

    [GeneratedRegex("https://quire\\.example/mail/(open|click)/[A-Za-z0-9._-]+")]
    private static partial Regex TrackedLink();
}
