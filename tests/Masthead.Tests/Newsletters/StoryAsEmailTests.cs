using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Members;
using Masthead.Core.Newsletters;
using Masthead.Tests.Members;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Masthead.Tests.Newsletters;

/// <summary>A story sent as a newsletter when it goes live: through the editor, the database queue and a real mail server.</summary>
public sealed class StoryAsEmailTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task Publishing_with_send_as_email_mails_each_active_subscriber_once()
    {
        var newsletter = await app.NewsletterAsync($"Daily {Guid.NewGuid():N}");
        var readers = await app.SubscribedMembersAsync(newsletter, 3);
        var pending = await app.SubscribedMembersAsync(newsletter, 1, MemberStatus.Pending);
        var story = await app.StoryAsync("Swing bridge reopens to the tide of bicycles");
        var editor = await app.NewsroomAsAsync(Role.Editor);

        var page = await editor.GetPageAsync($"/newsroom/stories/{story.Id}");
        Assert.NotNull(page.QuerySelector($"#f-newsletter option[value='{newsletter.Id}']"));
        var published = await editor.SubmitAsync($"/newsroom/stories/{story.Id}", "form#story-form",
            new() { ["SendAsEmail"] = "true", ["NewsletterId"] = newsletter.Id.ToString() }, button: "action=publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("sent as an email", Uri.UnescapeDataString(published.Headers.Location!.OriginalString));

        Assert.Equal(3, await app.SendNewslettersAsync());
        foreach (var email in readers)
        {
            var message = Assert.Single(await app.Smtp.WaitForAsync(email));
            Assert.Equal("Swing bridge reopens to the tide of bicycles", message.Subject);
            Assert.Equal(newsletter.SenderEmail, message.From.Mailboxes.Single().Address);
            Assert.StartsWith("<https://quire.example/members/unsubscribe?m=", message.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Contains("First paragraph.", message.TextBody);
            Assert.Contains("Read it on the site: https://quire.example/culture/film-tv/", message.TextBody);
        }
        Assert.Empty(app.Smtp.MessagesTo(pending[0]));
        var send = app.WithDb(db => db.NewsletterSends.Single(s => s.ArticleId == story.Id));
        Assert.Equal(SendState.Sent, send.State);
        Assert.Equal((3, 3, 0), (send.Total, send.SentCount, send.FailedCount));

        // A second pass, or a second node, finds nothing left to send.
        Assert.Equal(0, await app.SendNewslettersAsync());
        Assert.All(readers, email => Assert.Single(app.Smtp.MessagesTo(email)));
        var after = await editor.GetPageAsync($"/newsroom/stories/{story.Id}");
        Assert.Contains("sent to 3 of 3", after.QuerySelector(".nr-sends").Text());
    }

    [Fact]
    public async Task A_scheduled_story_goes_out_as_email_only_when_it_goes_live()
    {
        var newsletter = await app.NewsletterAsync($"Weekly {Guid.NewGuid():N}");
        var readers = await app.SubscribedMembersAsync(newsletter, 2);
        var story = await app.StoryAsync("Ferry timetable for the winter months");
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var zone = app.WithDb(db => db.Publication.Select(p => p.TimeZone).First());
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone ?? "UTC");
        var at = TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime.AddHours(2), tz).ToString("yyyy-MM-ddTHH:mm");
        var scheduled = await editor.SubmitAsync($"/newsroom/stories/{story.Id}", "form#story-form",
            new() { ["SendAsEmail"] = "true", ["NewsletterId"] = newsletter.Id.ToString(), ["ScheduleAt"] = at }, button: "action=schedule");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Equal(SendState.Waiting, app.WithDb(db => db.NewsletterSends.Single(s => s.ArticleId == story.Id).State));

        Assert.Equal(0, await app.SendNewslettersAsync());
        Assert.Empty(app.Smtp.MessagesTo(readers[0]));

        app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.True(await app.PublishDueAsync() >= 1);
        Assert.Equal(2, await app.SendNewslettersAsync());
        Assert.All(readers, email => Assert.Equal("Ferry timetable for the winter months", Assert.Single(app.Smtp.MessagesTo(email)).Subject));
    }

    [Fact]
    public async Task Asking_for_an_email_without_choosing_a_newsletter_publishes_nothing_and_keeps_the_text()
    {
        await app.NewsletterAsync($"Daily {Guid.NewGuid():N}");
        var story = await app.StoryAsync("Lantern walk route announced");
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var response = await editor.SubmitAsync($"/newsroom/stories/{story.Id}", "form#story-form",
            new() { ["SendAsEmail"] = "true", ["NewsletterId"] = "999999", ["Form.Headline"] = "Lantern walk route announced at last" }, button: "action=publish");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose the newsletter", await response.Content.ReadAsStringAsync());
        var stored = app.WithDb(db => db.Articles.Single(a => a.Id == story.Id));
        Assert.NotEqual(ArticleStatus.Published, stored.Status);
        Assert.Equal("Lantern walk route announced at last", stored.Headline);
        Assert.False(app.WithDb(db => db.NewsletterSends.Any(s => s.ArticleId == story.Id)));
    }

    [Fact]
    public async Task The_email_has_the_hero_picture_standfirst_view_in_browser_link_and_each_readers_own_unsubscribe_link()
    {
        var newsletter = await app.NewsletterAsync($"Culture {Guid.NewGuid():N}");
        var readers = await app.SubscribedMembersAsync(newsletter, 2);
        var article = app.WithDb(db => db.Articles.Include(a => a.PrimarySection)
            .First(a => a.Status == ArticleStatus.Published && a.HeroImage != null && a.HeroImage.Alt != "" && a.Standfirst != ""));
        await app.UseAsync<NewsletterDesk, Result>(async desk =>
        {
            await desk.RequestSendAsync(article.Id, newsletter.Id, Editor.System, CancellationToken.None);
            return new Result();
        });
        Assert.Equal(2, await app.SendNewslettersAsync());

        var keys = new HashSet<string>();
        foreach (var email in readers)
        {
            var message = Assert.Single(await app.Smtp.WaitForAsync(email));
            var html = await Html.ParseAsync(new HttpResponseMessage { Content = new StringContent(message.HtmlBody!) });
            var hero = html.QuerySelector($"img[alt='{article.HeroImage!.Alt.Replace("'", "\\'")}']");
            Assert.NotNull(hero);
            Assert.Equal("600", hero!.GetAttribute("width"));
            Assert.StartsWith("https://quire.example/", hero.GetAttribute("src") ?? (article.HeroImage.Url.StartsWith("http") ? "https://quire.example/" : ""));
            Assert.NotNull(html.QuerySelector("table[role=presentation]"));
            Assert.All(html.QuerySelectorAll("img"), img => Assert.True(img.HasAttribute("alt")));
            var url = $"https://quire.example/{article.PrimarySection.Path}/{article.Slug}";
            Assert.Contains(html.QuerySelectorAll("a"), a => a.Text() == "View this email in your browser" && a.GetAttribute("href") == url);
            Assert.Contains(article.Standfirst, html.Body!.TextContent);
            Assert.Contains(article.Standfirst, message.TextBody);
            var unsubscribe = html.QuerySelectorAll("a").Single(a => a.Text() == "Unsubscribe").GetAttribute("href")!;
            Assert.Equal($"<{unsubscribe}>", message.Headers["List-Unsubscribe"]);
            keys.Add(unsubscribe);
        }
        Assert.Equal(2, keys.Count);

        // The first reader's link leaves the newsletter for them alone, and the next send skips them.
        var first = keys.First().Replace("https://quire.example", "");
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().PostAsync(first, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);
        Assert.Equal(1, app.WithDb(db => db.NewsletterSubscriptions.Count(s => s.NewsletterId == newsletter.Id)));
    }

    private sealed record Result;

    [Fact]
    public async Task A_send_stopped_halfway_resumes_without_sending_anyone_a_second_copy()
    {
        var newsletter = await app.NewsletterAsync($"Evening {Guid.NewGuid():N}");
        var readers = await app.SubscribedMembersAsync(newsletter, 25);
        var story = await app.StoryAsync("Harbour lights switched on");
        await app.PublishAsync(story.Id);
        await app.UseAsync<NewsletterDesk, Result>(async desk =>
        {
            await desk.RequestSendAsync(story.Id, newsletter.Id, Editor.System, CancellationToken.None);
            return new Result();
        });

        var admin0 = await app.NewsroomAsAsync(Role.Admin);
        // The node stops after ten messages, and (as if it died mid-message) one more copy is left marked as being sent.
        Assert.Equal(10, await app.SendNewslettersAsync(stopAfter: 10));
        var sendId = app.WithDb(db => db.NewsletterSends.Single(s => s.ArticleId == story.Id).Id);
        var interrupted = app.WithDb(db => db.NewsletterRecipients.Where(r => r.SendId == sendId && r.State == RecipientState.Pending).OrderBy(r => r.Id).First());
        await app.WithDbAsync(db => db.NewsletterRecipients.Where(r => r.Id == interrupted.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RecipientState.Sending)));
        var midway = (await admin0.GetPageAsync("/newsroom/newsletters")).QuerySelector($"#send-{sendId}")!;
        Assert.Equal(["sending", "10", "0", "15", "not tracked", "not tracked"], midway.QuerySelectorAll("td").Skip(2).Select(td => td.Text()).ToArray());
        // Until its claim runs out, no other node takes the send over.
        Assert.Equal(0, await app.SendNewslettersAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(14, await app.SendNewslettersAsync());

        var interruptedEmail = app.WithDb(db => db.Members.Single(m => m.Id == interrupted.MemberId).Email!);
        foreach (var email in readers.Where(e => e != interruptedEmail)) Assert.Single(await app.Smtp.WaitForAsync(email));
        Assert.Empty(app.Smtp.MessagesTo(interruptedEmail));
        var send = app.WithDb(db => db.NewsletterSends.Single(s => s.Id == sendId));
        Assert.Equal(SendState.Sent, send.State);
        Assert.Equal((25, 24, 1), (send.Total, send.SentCount, send.FailedCount));
        Assert.Equal(Masthead.Web.Newsletters.NewsletterSender.Interrupted, app.WithDb(db => db.NewsletterRecipients.Single(r => r.Id == interrupted.Id).Error));

        // The progress as admins see it: sent, failed, left.
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var row = (await admin.GetPageAsync("/newsroom/newsletters")).QuerySelector($"#send-{sendId}")!;
        Assert.Equal(["Harbour lights switched on", newsletter.Name, "sent", "24", "1", "0", "not tracked", "not tracked"], row.QuerySelectorAll("td").Select(td => td.Text()).ToArray());
    }

    [Fact]
    public async Task A_story_unpublished_before_its_time_is_never_sent()
    {
        var newsletter = await app.NewsletterAsync($"Noon {Guid.NewGuid():N}");
        var readers = await app.SubscribedMembersAsync(newsletter, 1);
        var story = await app.StoryAsync("Regatta postponed");
        await app.UseAsync<NewsletterDesk, Result>(async desk =>
        {
            await desk.RequestSendAsync(story.Id, newsletter.Id, Editor.System, CancellationToken.None);
            return new Result();
        });
        await app.PublishAsync(story.Id);
        await app.UseAsync<ArticleWorkflow, Result>(async w => { await w.UnpublishAsync(story.Id, null, Editor.System, CancellationToken.None); return new Result(); });
        Assert.Equal(0, await app.SendNewslettersAsync());
        Assert.Equal(SendState.Cancelled, app.WithDb(db => db.NewsletterSends.Single(s => s.ArticleId == story.Id).State));
        Assert.Empty(app.Smtp.MessagesTo(readers[0]));
    }
}
