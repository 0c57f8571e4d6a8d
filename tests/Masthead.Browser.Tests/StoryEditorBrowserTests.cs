using Masthead.Core.Accounts;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>The rich story editor under the site's real Content-Security-Policy, typed into and pasted into as writers do.</summary>
public class StoryEditorBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static List<string> CspViolations(IPage page)
    {
        var seen = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) seen.Add(message.Text); };
        return seen;
    }

    [Fact]
    public async Task TheEditorRunsUnderTheSitesCsp_AndSpacesBesideBoldAndLinksArePlainSpaces()
    {
        var story = await app.StoryAsync($"Typed under CSP {Guid.NewGuid():N}"[..28], body: "Start.");
        var page = await app.SignedInAsync(Role.Editor, "Cyd Csp", bypassCsp: false);
        var violations = CspViolations(page);
        await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        var surface = page.Locator(".nr-rich__content");
        await surface.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" Before ");
        await page.Keyboard.PressAsync("Control+b");
        await page.Keyboard.TypeAsync("bold");
        await page.Keyboard.PressAsync("Control+b");
        await page.Keyboard.TypeAsync(" after.");

        var markdown = await page.InputValueAsync("#f-body");
        Assert.Contains("Start. Before **bold** after.", markdown);
        Assert.DoesNotContain("&nbsp;", markdown);
        Assert.DoesNotContain('\u00a0', markdown);
        Assert.Empty(violations);
    }

    /// <summary>Pastes HTML into the editor the way the browser hands a paste to the page.</summary>
    private static Task PasteHtmlAsync(IPage page, string html) =>
        page.EvaluateAsync(@"html => {
            const target = document.querySelector('.nr-rich__content');
            target.focus();
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', 'pasted');
            target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }", html);

    private static byte[] Photo() => NetVips.Image.Black(900, 600, bands: 3).Linear(new double[] { 1, 1, 1 }, new double[] { 30, 140, 90 })
        .Cast(NetVips.Enums.BandFormat.Uchar).WriteToBuffer(".jpg");

    [Fact]
    public async Task PastingAGoogleDoc_KeepsItsStructure_DropsItsStyling_AndCopiesItsPictureIntoTheLibrary()
    {
        await using var site = await PictureSite.StartAsync(Photo());
        var story = await app.StoryAsync($"Pasted from a doc {Guid.NewGuid():N}"[..30], body: "");
        var page = await app.SignedInAsync(Role.Editor, "Dot Docs", bypassCsp: false);
        await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        await page.Locator(".nr-rich__content").ClickAsync();

        // The shape of a Google Docs clipboard: everything inside a <b> that is not bold, weights on spans, links through google.com/url.
        await PasteHtmlAsync(page, $"""
            <meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c"><h1 dir="ltr"><span style="font-size:20pt;font-weight:400">The archive opens</span></h1>
            <p dir="ltr"><span style="font-weight:400">Plain words,&nbsp;</span><span style="font-weight:700">one bold phrase</span><span style="font-weight:400"> and a </span><a href="https://www.google.com/url?q=https://example.org/archive&amp;sa=D&amp;ust=1"><span style="color:#1155cc;text-decoration:underline">link</span></a><span>.</span></p>
            <ul><li dir="ltr"><p dir="ltr"><span>First point</span></p></li><li dir="ltr"><p dir="ltr"><span>Second point</span></p></li></ul>
            <p dir="ltr"><span><img src="{site.BaseUrl}/photos/march.jpg" width="300" height="200"></span></p></b>
            """);

        await Assertions.Expect(page.Locator(".nr-rich__status")).ToContainTextAsync("is now in the media library", new() { Timeout = 30_000 });
        var markdown = await page.InputValueAsync("#f-body");
        Assert.Contains("## The archive opens", markdown);
        Assert.Contains("Plain words, **one bold phrase** and a [link](https://example.org/archive).", markdown);
        Assert.Contains("- First point\n- Second point", markdown);
        Assert.DoesNotContain(site.BaseUrl, markdown);
        Assert.DoesNotContain("**The archive", markdown);
        Assert.Matches(@"!\[\]\(/media/[a-z0-9]{16}/[0-9]+\.jpg\)", markdown);
        Assert.Equal(1, app.WithDb(db => db.Media.Count(m => m.FileName == "march.jpg")));
    }

    [Fact]
    public async Task PastingFromWord_TurnsItsListParagraphsIntoLists_AndAPictureThatCannotBeCopiedIsLeftOutWithAMessage()
    {
        var story = await app.StoryAsync($"Pasted from Word {Guid.NewGuid():N}"[..30], body: "");
        var page = await app.SignedInAsync(Role.Editor, "Wyn Word", bypassCsp: false);
        await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        await page.Locator(".nr-rich__content").ClickAsync();

        await PasteHtmlAsync(page, """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal { margin: 0 }</style></head><body>
            <!--StartFragment--><p class=MsoNormal>Three steps<o:p></o:p></p>
            <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>1.<span style='font:7.0pt'>&nbsp;&nbsp; </span></span>Book the hall<o:p></o:p></p>
            <p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>2.<span style='font:7.0pt'>&nbsp;&nbsp; </span></span>Print the <b>flyers</b><o:p></o:p></p>
            <p class=MsoNormal><img src="http://127.0.0.1:9/gone.png"></p><!--EndFragment--></body></html>
            """);

        await Assertions.Expect(page.Locator(".nr-rich__status")).ToContainTextAsync("was left out", new() { Timeout = 30_000 });
        var markdown = await page.InputValueAsync("#f-body");
        Assert.Contains("Three steps", markdown);
        Assert.Contains("1. Book the hall\n2. Print the **flyers**", markdown);
        Assert.DoesNotContain("gone.png", markdown);
        Assert.DoesNotContain("mso", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("StartFragment", markdown);
    }

    [Fact]
    public async Task SeoFields_CountTheirCharacters_AndThePreviewsFollowWhatIsTyped()
    {
        var story = await app.StoryAsync($"Previewed for search {Guid.NewGuid():N}"[..32]);
        var page = await app.SignedInAsync(Role.Editor, "Sia Seo", bypassCsp: false);
        await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        await Assertions.Expect(page.Locator("#seo-title-count")).ToContainTextAsync("Left empty, the headline is used.");
        await Assertions.Expect(page.Locator("#serp-title")).ToContainTextAsync(story.Headline);

        var longTitle = "A search title that runs well past what a results page shows in one line";
        await page.FillAsync("#f-seo-title", longTitle);
        await Assertions.Expect(page.Locator("#seo-title-count")).ToContainTextAsync($"{longTitle.Length} characters; about 60 fit in a search result, so the end will be cut.");
        Assert.EndsWith("…", await page.Locator("#serp-title").TextContentAsync());
        await Assertions.Expect(page.Locator("#card-title")).ToHaveTextAsync(longTitle);

        await page.FillAsync("#f-seo-description", "Short and clear.");
        await Assertions.Expect(page.Locator("#serp-description")).ToHaveTextAsync("Short and clear.");
        await Assertions.Expect(page.Locator("#seo-description-count")).ToHaveTextAsync("16 characters; about 155 fit in a search result.");
    }

    [Fact]
    public async Task OnAPhone_TheSaveBarStaysInReach_AndSaves()
    {
        var story = await app.StoryAsync($"Saved from a phone {Guid.NewGuid():N}"[..30]);
        var page = await app.SignedInAsync(Role.Editor, "Pho Phone", width: 390, height: 800, bypassCsp: false);
        await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        await page.FillAsync("#f-standfirst", "Typed on a small screen.");
        var save = page.Locator(".nr-savebar button");
        Assert.True(await save.IsVisibleAsync());
        var box = (await save.BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= 800, "The save bar sits inside the phone's screen.");
        await save.ClickAsync();
        await page.WaitForURLAsync("**saved=*");
        Assert.Equal("Typed on a small screen.", app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Standfirst));
    }

    [Fact]
    public async Task APromoInsertedInTheEditor_IsPublishedAsALabelledAside_AndTheEditorRefusesAnUnsafeLink()
    {
        var story = await app.StoryAsync($"Promo story {Guid.NewGuid():N}"[..24], body: "The story itself.");
        var page = await app.SignedInAsync(Role.Editor, "Pia Promo", bypassCsp: false);
        var violations = CspViolations(page);
        await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        await page.Locator(".nr-rich__content").ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        var promoButton = page.GetByRole(AriaRole.Toolbar, new() { Name = "Formatting" }).GetByRole(AriaRole.Button, new() { Name = "Promo", Exact = true });

        // A javascript: link is refused with a reason, and nothing is added.
        await promoButton.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Title (readers follow it to the link)").FillAsync("Click me");
        await dialog.GetByLabel("Link: a page of this site such as /subscribe, or https://…").FillAsync("javascript:alert(1)");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nr-rich__status")).ToContainTextAsync("must be a page of this site");
        Assert.DoesNotContain(":::promo", await page.Locator("#f-body").InputValueAsync());

        await promoButton.ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Title (readers follow it to the link)").FillAsync("Buy the winter print issue");
        await dialog.GetByLabel("Text", new() { Exact = true }).FillAsync("Forty-eight pages you won't find online.");
        await dialog.GetByLabel("Link: a page of this site such as /subscribe, or https://…").FillAsync("/about");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.Locator(".nr-rich-block--promo").WaitForAsync();
        var stored = await page.Locator("#f-body").InputValueAsync();
        Assert.Contains(":::promo /about\nBuy the winter print issue\nForty-eight pages you won't find online.\n:::", stored);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/newsroom/stories/*?saved=*");
        Assert.Empty(violations);
        await page.Context.CloseAsync();

        await app.PublishAsync(story.Id);
        var slug = app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Slug);
        var reader = await app.OpenAsync($"/culture/film-tv/{slug}", bypassCsp: true); // axe is injected
        var promo = reader.GetByRole(AriaRole.Complementary, new() { Name = "Promotion: Buy the winter print issue" });
        await Assertions.Expect(promo).ToBeVisibleAsync();
        await Assertions.Expect(promo.Locator(".promo__label")).ToHaveTextAsync("Promotion");
        Assert.Equal("/about", await promo.GetByRole(AriaRole.Link, new() { Name = "Buy the winter print issue" }).GetAttributeAsync("href"));
        await Axe.AssertNoViolationsAsync(reader, "an article with a promo");
        var shots = Environment.GetEnvironmentVariable("MASTHEAD_SCREENSHOTS_DIR") is { Length: > 0 } dir ? dir : Path.GetTempPath();
        await promo.ScreenshotAsync(new() { Path = Path.Combine(shots, "promo-1280.png") });
        await reader.CloseAsync();
    }
}
