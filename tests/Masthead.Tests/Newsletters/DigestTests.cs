using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Members;
using Masthead.Core.Newsletters;
using Masthead.Tests.Members;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// Digests: composed in the newsroom from published stories, queued now or for a time, sent through the same queue as a
/// story (each member once, however many passes or nodes), to a real SMTP server. Both databases.
/// </summary>
public sealed class DigestTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    private async Task<Article> PublishedAsync(string headline, string body = "First paragraph.\n\nSecond paragraph.")
    {
        var story = await app.StoryAsync(headline, body: body);
        return await app.PublishAsync(story.Id);
    }

    [Fact]
    public async Task AnEditorsDigest_GoesNow_ToEachMemberOnce()
    {
        var newsletter = await app.NewsletterAsync($"Weekend {Guid.NewGuid():N}");
        var readers = await app.SubscribedMembersAsync(newsletter, 3);
        var first = await PublishedAsync("Lock keepers swap stories at the canal festival");
        var second = await PublishedAsync("Allotment society wins the marrow appeal",
            "The free paragraph.\n\nAnother free one.\n\nA members-only paragraph about Zanthorpe.");
        await app.WithDbAsync(async db =>
        {
            db.Articles.Single(a => a.Id == second.Id).Access = StoryAccess.Members;
            await db.SaveChangesAsync();
        });
        var editor = await app.NewsroomAsAsync(Role.Editor);

        var page = await editor.GetPageAsync("/newsroom/digests");
        Assert.NotNull(page.QuerySelector($"#digest-form input[name='ArticleIds'][value='{first.Id}']"));
        var response = await editor.SubmitAsync("/newsroom/digests", "#digest-form", new()
        {
            ["NewsletterId"] = newsletter.Id.ToString(), ["Subject"] = "The week by the water", ["Intro"] = "Two stories this week.\n\nBoth by the canal.",
            ["ArticleIds"] = second.Id.ToString(), ["When"] = "now",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/newsroom/digests?done=sent", response.Headers.Location!.OriginalString);

        Assert.Equal(3, await app.SendNewslettersAsync());
        Assert.Equal(0, await app.SendNewslettersAsync());
        foreach (var email in readers)
        {
            var message = Assert.Single(await app.Smtp.WaitForAsync(email));
            Assert.Equal("The week by the water", message.Subject);
            Assert.Contains("Two stories this week.", message.TextBody);
            Assert.Contains("Allotment society wins the marrow appeal", message.TextBody);
            Assert.Contains("Allotment society wins the marrow appeal", message.HtmlBody);
            Assert.DoesNotContain("Zanthorpe", message.HtmlBody); // a digest carries standfirsts and links, never bodies
            Assert.StartsWith("<https://quire.example/members/unsubscribe?m=", message.Headers["List-Unsubscribe"]);
        }
        var send = app.WithDb(db => db.NewsletterSends.Single(s => s.DigestId != null && s.NewsletterId == newsletter.Id));
        Assert.Equal((SendState.Sent, 3, 3), (send.State, send.Total, send.SentCount));
        Assert.Null(send.ArticleId);
        Assert.Contains("Digest: The week by the water", (await editor.GetPageAsync("/newsroom/digests")).QuerySelector("#sends")!.TextContent);
    }

    [Fact]
    public async Task AScheduledDigest_WaitsForItsTime_AndLeavesOutStoriesTakenDownMeanwhile()
    {
        var newsletter = await app.NewsletterAsync($"Later {Guid.NewGuid():N}");
        var readers = await app.SubscribedMembersAsync(newsletter, 2);
        var kept = await PublishedAsync("Harbour wall repairs finish early");
        var withdrawn = await PublishedAsync("Ferry strike called off at dawn");
        var at = app.Clock.GetUtcNow().UtcDateTime.AddHours(3);
        var result = await app.UseAsync<DigestDesk, Masthead.Core.Common.Result<NewsletterSend>>(d =>
            d.QueueAsync(new DigestInput(newsletter.Id, "Harbour news", "", [kept.Id, withdrawn.Id], at), Editor.System with { Role = Role.Editor }, CancellationToken.None));
        Assert.Equal(SendState.Waiting, result.Value!.State);

        Assert.Equal(0, await app.SendNewslettersAsync());
        Assert.All(readers, email => Assert.Empty(app.Smtp.MessagesTo(email)));

        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.UnpublishAsync(withdrawn.Id, null, Editor.System, CancellationToken.None)).Value!);
        app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(2, await app.SendNewslettersAsync());
        foreach (var email in readers)
        {
            var message = Assert.Single(await app.Smtp.WaitForAsync(email));
            Assert.Contains("Harbour wall repairs finish early", message.TextBody);
            Assert.DoesNotContain("Ferry strike", message.TextBody);
        }
    }

    [Fact]
    public async Task TheForm_RefusesWhatCannotBeSent_WithPreciseMessages()
    {
        var newsletter = await app.NewsletterAsync($"Refusals {Guid.NewGuid():N}");
        var draft = await app.StoryAsync("A draft nobody may mail");
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var response = await editor.SubmitAsync("/newsroom/digests", "#digest-form", new()
        {
            ["NewsletterId"] = newsletter.Id.ToString(), ["Subject"] = "", ["When"] = "later", ["SendAt"] = "tomorrow",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Give the date and time", await response.Content.ReadAsStringAsync());

        var desk = (DigestInput input) => app.UseAsync<DigestDesk, Masthead.Core.Common.Result<NewsletterSend>>(d =>
            d.QueueAsync(input, Editor.System with { Role = Role.Editor }, CancellationToken.None));
        var invalid = await desk(new DigestInput(newsletter.Id, " ", null, [draft.Id], app.Clock.GetUtcNow().UtcDateTime.AddHours(-1)));
        var errors = invalid.Errors!.ToDictionary();
        Assert.Contains("subject line", errors["subject"][0]);
        Assert.Contains("not published", errors["stories"][0]);
        Assert.Contains("has passed", errors["sendAt"][0]);
        Assert.Contains("at least one", (await desk(new DigestInput(newsletter.Id, "Empty", null, [], null))).Errors!.ToDictionary()["stories"][0]);
        Assert.Contains("Choose the newsletter", (await desk(new DigestInput(null, "No letter", null, [draft.Id], null))).Errors!.ToDictionary()["newsletter"][0]);
        var author = await app.UseAsync<DigestDesk, Masthead.Core.Common.Result<NewsletterSend>>(d =>
            d.QueueAsync(new DigestInput(newsletter.Id, "By an author", null, [draft.Id], null), Editor.System with { Role = Role.Author }, CancellationToken.None));
        Assert.Equal(Masthead.Core.Common.Outcome.Forbidden, author.Outcome);
        Assert.Equal(0, app.WithDb(db => db.Digests.Count(d => d.NewsletterId == newsletter.Id)));
    }

    [Fact]
    public async Task A_digest_links_to_its_view_in_browser_page_which_shows_it_accessibly_once_it_goes_out()
    {
        var newsletter = await app.NewsletterAsync($"Browser {Guid.NewGuid():N}");
        var reader = Assert.Single(await app.SubscribedMembersAsync(newsletter, 1));
        var story = await PublishedAsync("Boatyard apprentices launch their first dinghy");
        var queue = (DigestInput input) => app.UseAsync<DigestDesk, Masthead.Core.Common.Result<NewsletterSend>>(d =>
            d.QueueAsync(input, Editor.System with { Role = Role.Editor }, CancellationToken.None));
        var later = (await queue(new DigestInput(newsletter.Id, "Not yet", "", [story.Id], app.Clock.GetUtcNow().UtcDateTime.AddDays(2)))).Value!;
        var now = (await queue(new DigestInput(newsletter.Id, "Launch week", "A week of boats.\n\nAnd of the people who build them.", [story.Id], null))).Value!;
        var visitor = app.CreateClient();
        // A digest whose time has not come is nobody's to read yet.
        await visitor.GetPageAsync($"/newsletters/digests/{later.DigestId}", 404);
        await visitor.GetPageAsync($"/newsletters/digests/{now.DigestId}", 404);

        Assert.Equal(1, await app.SendNewslettersAsync());
        var message = Assert.Single(await app.Smtp.WaitForAsync(reader));
        var address = $"https://quire.example/newsletters/digests/{now.DigestId}";
        Assert.Contains($"<a href=\"{address}\" style=\"color:#4a4752;\">View this email in your browser</a>", message.HtmlBody);
        Assert.Contains($"Read it in your browser: {address}", message.TextBody);

        var page = await visitor.GetPageAsync($"/newsletters/digests/{now.DigestId}");
        Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang")); // the demo publication's language
        Assert.Contains("Launch week", page.Title);
        Assert.Equal("Launch week", Assert.Single(page.QuerySelectorAll("h1")).Text());
        Assert.Single(page.QuerySelectorAll("main"));
        Assert.Equal(["A week of boats.", "And of the people who build them."], page.QuerySelectorAll(".article__body > p").Select(p => p.Text()));
        var item = Assert.Single(page.QuerySelectorAll(".digest__stories > li"));
        var link = item.QuerySelector("h2 > a")!;
        Assert.Equal("Boatyard apprentices launch their first dinghy", link.Text());
        Assert.Equal($"/culture/film-tv/{story.Slug}", link.GetAttribute("href"));
        Assert.All(page.QuerySelectorAll("img"), img => Assert.True(img.HasAttribute("alt")));
        Assert.Equal($"https://quire.example/newsletters/digests/{now.DigestId}", page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        await visitor.GetPageAsync($"/newsletters/digests/{later.DigestId}", 404);
    }
}
