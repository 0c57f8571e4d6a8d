using Masthead.Core.Articles;
using Masthead.Core.Newsletters;

namespace Masthead.Browser.Tests;

/// <summary>
/// The Nu Html Checker finds no error in any kind of public page as served, nor in a digest's view-in-browser page,
/// which axe also checks at phone and desktop widths.
/// </summary>
public class ValidHtmlTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [MemberData(nameof(PublicPages.Paths), MemberType = typeof(PublicPages))]
    public async Task PublicPage_IsValidHtml(string path)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(app.BaseAddress + path);
        await NuValidator.AssertValidAsync(await response.Content.ReadAsStringAsync(), path);
    }

    [Fact]
    public async Task A_digests_view_in_browser_page_is_valid_and_has_no_axe_violations()
    {
        var digestId = 0;
        var headlines = new List<string>();
        await app.WithDbAsync(async db =>
        {
            var picked = db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.FirstPublishedAt)
                .Select(a => new { a.Id, a.Headline }).Take(3).ToList();
            var stories = picked.Select(a => a.Id).ToList();
            headlines.AddRange(picked.Select(a => a.Headline));
            var newsletter = new Newsletter
            {
                Name = "The Quire Weekly", Description = "The week's stories, on Fridays.", SenderName = "The Quire",
                SenderEmail = "weekly@quire.example", CreatedAt = DateTime.UtcNow,
            };
            db.Newsletters.Add(newsletter);
            await db.SaveChangesAsync();
            var digest = new Digest
            {
                NewsletterId = newsletter.Id, Subject = "A week of bridges, tapes and tide tables",
                Intro = "Three stories we kept talking about this week.\n\nThank you for reading.", CreatedAt = DateTime.UtcNow,
                Stories = [.. stories.Select((id, i) => new DigestStory { ArticleId = id, Position = i })],
            };
            db.Digests.Add(digest);
            await db.SaveChangesAsync();
            // The page shows a digest once it has gone out.
            db.NewsletterSends.Add(new NewsletterSend
            {
                NewsletterId = newsletter.Id, DigestId = digest.Id, State = SendState.Sent, RequestedAt = DateTime.UtcNow,
                RequestedBy = "browser test", RecipientsListed = true,
            });
            await db.SaveChangesAsync();
            digestId = digest.Id;
        });
        var path = $"/newsletters/digests/{digestId}";

        using var http = new HttpClient();
        var html = await http.GetStringAsync(app.BaseAddress + path);
        Assert.Contains("A week of bridges, tapes and tide tables", html);
        Assert.Equal(3, headlines.Count);
        await NuValidator.AssertValidAsync(html, path);
        foreach (var width in new[] { 390, 1280 })
        {
            var page = await app.OpenAsync(path, width, bypassCsp: true);
            var text = await page.Locator("main").InnerTextAsync();
            Assert.All(headlines, h => Assert.Contains(h, text));
            await Axe.AssertNoViolationsAsync(page, $"{path} at {width}px");
            await page.CloseAsync();
        }
    }
}
